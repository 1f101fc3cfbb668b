"""crv: the virtual resource centre against child labour, forced labour and human trafficking."""
