#pragma once

// The shared EXPLAIN corpus's MANIFEST.tsv (../shared/corpus/explain), as the corpus tests read it.

#include <QFile>
#include <QHash>
#include <QString>
#include <QStringList>

namespace test {

/// One MANIFEST.tsv row, as far as the tests need it.
struct CorpusEntry
{
    QString format;
    QString notes;
    int nodeCount = -1; ///< -1: not known.
};

/// File name -> row; empty when the manifest is not there.
inline QHash<QString, CorpusEntry> readCorpusManifest(const QString &path)
{
    QHash<QString, CorpusEntry> out;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text))
        return out;
    f.readLine(); // header
    while (!f.atEnd()) {
        const QStringList cols = QString::fromUtf8(f.readLine()).chopped(1).split(QLatin1Char('\t'));
        if (cols.size() < 10)
            continue;
        bool ok = false;
        const int count = cols.at(8).toInt(&ok);
        out.insert(cols.at(0), CorpusEntry{cols.at(1), cols.at(9), ok ? count : -1});
    }
    return out;
}

} // namespace test
