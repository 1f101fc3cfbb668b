"""The quizzes of content/'s training modules, walked alike by the test of the page's answer key
(tests/services/test_quiz.py) and by that of the editable copies' (tests/services/test_documents_quiz.py): each must
find one answer per bold label."""

from dataclasses import dataclass

import frontmatter

from tests.helpers import CONTENT

ANSWER_LABELS = {"fr": "**Réponse\u00a0:**", "en": "**Answer:**"}  # as the modules write them


@dataclass(frozen=True, slots=True)
class ModuleQuiz:
    name: str  # its file's
    language: str
    body: str  # its Markdown, without the front matter
    labels: int  # how many answers it labels


def module_quizzes() -> list[ModuleQuiz]:
    """Every module of content/resources/training, French then English; a language without one is an error."""
    found = []
    for language, label in ANSWER_LABELS.items():
        files = sorted((CONTENT / "resources/training").glob(f"*.{language}.md"))
        assert files, f"no training module in {language}"
        for path in files:
            body = frontmatter.load(path).content
            found.append(ModuleQuiz(path.name, language, body, body.count(label)))
    return found
