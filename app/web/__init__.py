"""The HTML side of the partners' and editors' work: sign-in and accounts, the partner portal, the editor's desk."""
