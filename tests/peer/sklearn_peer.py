"""scikit-learn on the splits `insight bench peer` wrote, beside Insight's figures.

Run with Debian's /usr/bin/python3 and its python3-sklearn (tests/peer/run.sh installs it):

    /usr/bin/python3 tests/peer/sklearn_peer.py out/peer

Root causes: TF-IDF word and character n-grams with Insight's settings (from insight.json: word 1-2 grams,
50,000 at most, and character 1-3 grams, 100,000 at most, by default) of the lower-cased text, joined and
L2-normalised as Insight's featuriser does, then a linear SVM (one-versus-rest).
Churn: HistGradientBoostingClassifier with Insight's churn settings (100 trees of 8 leaves, learning rate
0.05, 20 rows per leaf at least, no early stopping), beside each of Insight's churn learners (FastTree, LightGBM).
On both sides training time is the median of `runs` fits (from insight.json), and prediction throughput the
median of as many passes over every row (train and test) after a pass over the test rows.
Writes sklearn.json and side-by-side.json and .md into the folder, and prints the table.
"""

import csv
import json
import os
import platform
import statistics
import sys
import time

import numpy as np
import scipy.sparse as sp
import sklearn
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import accuracy_score, f1_score, roc_auc_score
from sklearn.preprocessing import normalize
from sklearn.svm import LinearSVC


def read_text(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return [r["text"] for r in rows], [r["label"] for r in rows]


def read_matrix(path):
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        data = np.array([[float(v) for v in row] for row in reader], dtype=np.float64)
    return header[:-1], data[:, :-1], data[:, -1].astype(int)


def timings(runs, run):
    """The wall time in seconds of each of `runs` calls of `run`."""
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        seconds.append(time.perf_counter() - start)
    return seconds


def fit(runs, make, x, y):
    """Makes and fits a fresh model `runs` times (making one only stores its settings); the last model and the median wall time."""
    last = None

    def make_and_fit():
        nonlocal last
        last = make()
        last.fit(x, y)

    seconds = timings(runs, make_and_fit)
    return last, statistics.median(seconds)


def throughput(runs, predict_all, rows):
    """Median rows per second of `runs` prediction passes over every row."""
    return statistics.median(rows / seconds for seconds in timings(runs, predict_all))


def root_causes(folder, settings, runs):
    train_text, train_label = read_text(os.path.join(folder, "root-causes-train.csv"))
    test_text, test_label = read_text(os.path.join(folder, "root-causes-test.csv"))
    features = settings["features"]
    words = TfidfVectorizer(lowercase=True, ngram_range=(1, features["wordNgrams"]), max_features=features["maximumWordNgrams"])
    chars = TfidfVectorizer(lowercase=True, analyzer="char", ngram_range=(1 if features["allCharLengths"] else features["charNgrams"], features["charNgrams"]),
                            max_features=features["maximumCharNgrams"])

    def featurise(texts, fit):
        w = words.fit_transform(texts) if fit else words.transform(texts)
        c = chars.fit_transform(texts) if fit else chars.transform(texts)
        return normalize(sp.hstack([w, c]).tocsr())

    class Pipeline:
        """Featuriser and classifier fitted together, as Insight's training time counts both."""
        def __init__(self):
            self.model = LinearSVC(C=1.0, random_state=1)

        def fit(self, texts, labels):
            self.model.fit(featurise(texts, True), labels)

    pipeline, train_seconds = fit(runs, Pipeline, train_text, train_label)
    model = pipeline.model
    predicted = model.predict(featurise(test_text, False))
    per_second = throughput(runs, lambda: model.predict(featurise(train_text + test_text, False)), len(train_text) + len(test_text))
    return {
        "learner": f"TfidfVectorizer word 1-{features['wordNgrams']} + char {1 if features['allCharLengths'] else features['charNgrams']}-{features['charNgrams']}, LinearSVC (one-versus-rest)",
        "trainRows": len(train_text), "testRows": len(test_text),
        "trainSeconds": round(train_seconds, 3), "predictPerSecond": round(per_second),
        "accuracy": round(float(accuracy_score(test_label, predicted)), 4),
        "macroF1": round(float(f1_score(test_label, predicted, average="macro")), 4),
        "rocAuc": None,
    }


def churn(folder, settings, runs):
    names, x_train, y_train = read_matrix(os.path.join(folder, "churn-train.csv"))
    _, x_valid, y_valid = read_matrix(os.path.join(folder, "churn-validation.csv"))
    model, train_seconds = fit(runs, lambda: HistGradientBoostingClassifier(
        max_iter=settings["trees"], max_leaf_nodes=settings["leaves"], learning_rate=settings["learningRate"],
        min_samples_leaf=settings["minimumExamplesPerLeaf"], early_stopping=False, random_state=settings.get("seed", 1)), x_train, y_train)
    scores = model.predict_proba(x_valid)[:, 1]
    x_all = np.vstack([x_train, x_valid])
    per_second = throughput(runs, lambda: model.predict_proba(x_all), len(x_all))
    return {
        "learner": "HistGradientBoostingClassifier",
        "trainRows": len(y_train), "testRows": len(y_valid),
        "trainSeconds": round(train_seconds, 3), "predictPerSecond": round(per_second),
        "accuracy": None, "macroF1": None, "rocAuc": round(float(roc_auc_score(y_valid, scores)), 4),
    }


def ratio(a, b):
    return None if not a or not b else round(a / b, 2)


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "out/peer"
    with open(os.path.join(folder, "insight.json"), encoding="utf-8") as f:
        insight = json.load(f)
    runs = insight.get("runs", 1)
    peer = {
        "machine": f"{os.cpu_count()} cores, {platform.platform()}, Python {platform.python_version()}, scikit-learn {sklearn.__version__}",
        "runs": runs,
        "rootCauses": root_causes(folder, insight["rootCauses"]["settings"], runs),
        "churn": churn(folder, insight["churn"][0]["settings"], runs),
    }
    with open(os.path.join(folder, "sklearn.json"), "w", encoding="utf-8") as f:
        json.dump(peer, f, indent=2)

    rows = []
    tasks = [("root causes", "rootCauses", "macroF1", insight["rootCauses"])]
    tasks += [(f"churn ({c['settings']['learner']}{', configured' if c['configured'] else ''})", "churn", "rocAuc", c) for c in insight["churn"]]
    for name, task, metric, entry in tasks:
        ours, theirs = entry["result"], peer[task]
        rows.append({
            "task": name,
            "metric": "macro-F1" if metric == "macroF1" else "ROC-AUC",
            "insight": ours[metric], "sklearn": theirs[metric],
            "insightAccuracy": ours.get("accuracy"), "sklearnAccuracy": theirs.get("accuracy"),
            "insightTrainSeconds": ours["trainSeconds"], "sklearnTrainSeconds": theirs["trainSeconds"],
            "trainSpeedup": ratio(theirs["trainSeconds"], ours["trainSeconds"]),
            "insightPredictPerSecond": ours["predictPerSecond"], "sklearnPredictPerSecond": theirs["predictPerSecond"],
            "predictSpeedup": ratio(ours["predictPerSecond"], theirs["predictPerSecond"]),
            "asAccurate": bool(ours[metric] >= theirs[metric]),
            "twiceAsFast": (ratio(theirs["trainSeconds"], ours["trainSeconds"]) or 0) >= 2 and (ratio(ours["predictPerSecond"], theirs["predictPerSecond"]) or 0) >= 2,
            "trainRows": ours["trainRows"], "testRows": ours["testRows"],
        })
    with open(os.path.join(folder, "side-by-side.json"), "w", encoding="utf-8") as f:
        json.dump({"insightMachine": insight["machine"], "sklearnMachine": peer["machine"], "rows": rows}, f, indent=2)

    lines = [
        "| task | rows (train / test) | metric | Insight | scikit-learn | training s, Insight / scikit-learn (speed-up) | predicted/s, Insight / scikit-learn (speed-up) |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['task']} | {r['trainRows']:,} / {r['testRows']:,} | {r['metric']} | {r['insight']:.4f} | {r['sklearn']:.4f} "
            f"| {r['insightTrainSeconds']:.2f} / {r['sklearnTrainSeconds']:.2f} ({r['trainSpeedup']}x) "
            f"| {r['insightPredictPerSecond']:,} / {r['sklearnPredictPerSecond']:,} ({r['predictSpeedup']}x) |")
    table = "\n".join(lines)
    with open(os.path.join(folder, "side-by-side.md"), "w", encoding="utf-8") as f:
        f.write(table + "\n")
    print(f"Insight: {insight['machine']}\nscikit-learn: {peer['machine']}\nmedians of {runs} fits and {runs} prediction passes on each side\n")
    print(table)
    for r in rows:
        print(f"{r['task']}: {'as accurate' if r['asAccurate'] else 'LESS accurate'}; {'at least 2x faster' if r['twiceAsFast'] else 'NOT 2x faster'} at training and prediction")


if __name__ == "__main__":
    main()
