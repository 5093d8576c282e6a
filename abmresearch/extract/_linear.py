"""A logistic regression over feature dicts kept as a plain weight dict.

The pair and organisation classifiers score a few candidates per title: a dict of weights needs
no sparse matrices at prediction time and pickles small.
"""

from __future__ import annotations

import math
import pickle
import warnings
from pathlib import Path
from typing import Any, ClassVar, Self, TypeVar

_Model = TypeVar("_Model", bound="LinearClassifier")


class LinearClassifier:
    """Base of the learned extract classifiers (scikit-learn API: ``fit`` returns ``self``).

    Subclasses set ``c`` (inverse regularisation strength) in ``__init__`` and may set
    ``class_weight`` (passed to :class:`sklearn.linear_model.LogisticRegression`).
    """

    c: float
    class_weight: ClassVar[str | None] = None

    def fit(self, features: list[dict[str, Any]], labels: list[int]) -> Self:
        """Fit on feature dicts and 0/1 labels; returns ``self``."""
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression

        vectorizer = DictVectorizer()
        matrix = vectorizer.fit_transform(features)
        model = LogisticRegression(C=self.c, max_iter=2000, class_weight=self.class_weight)
        model.fit(matrix, labels)
        self.weights_ = {
            str(name): float(weight)
            for name, weight in zip(vectorizer.feature_names_, model.coef_[0], strict=True)
        }
        self.bias_ = float(model.intercept_[0])
        return self

    def predict_proba(self, features: list[dict[str, Any]]) -> list[float]:
        """Probability of the positive class for each feature dict."""
        out = []
        for row in features:
            score = self.bias_ + sum(
                self.weights_.get(name, 0.0) * float(value) for name, value in row.items()
            )
            out.append(1.0 / (1.0 + math.exp(-max(min(score, 30.0), -30.0))))
        return out


def load_cached(path: Path, kind: type[_Model]) -> _Model | None:
    """A model pickled into the user cache, or ``None`` when there is none.

    A file that cannot be read or holds something else (an older version, a damaged copy) is
    not used, with a warning naming it: the rules alone run until it is retrained.
    """
    if not path.exists():
        return None
    try:
        with path.open("rb") as handle:
            model = pickle.load(handle)  # our own cache file, written by the training CLI
    except Exception as error:  # any unreadable file means "no model"
        problem = f"не читается ({type(error).__name__})"
    else:
        if isinstance(model, kind):
            return model
        problem = f"содержит не {kind.__name__}"
    warnings.warn(
        f"{path}: файл модели {problem}; работают одни правила. Переобучите: "
        "python -m abmresearch.extract.pairing ../shared/data/nerel",
        stacklevel=2,
    )
    return None
