"""The teaching model and what is played on it: the trust model (trust_model.yaml), the practice
conversations, the phrasing detectors and the model side of 'Mijn gesprek'. Imports only the foundation
modules of ``course`` (content, messages); no widgets, no figures."""
