"""Understanding mail: parsing, classifying rejections and extracting who/what/where.

Everything in this package is pure (values in, values out) except
``rejoinder.classifier.model``, the only module that touches joblib files.
Importing this package must stay cheap: scikit-learn is imported lazily.
"""
