#include "explain/plandecoding.h"

#include <QStringDecoder>

namespace tusk::explain {

namespace {

// UTF-16 without a BOM: ASCII text has a zero in every other byte.
QStringDecoder::Encoding guessUtf16(const QByteArray &bytes)
{
    const qsizetype n = qMin<qsizetype>(bytes.size() & ~qsizetype(1), 200);
    if (n < 4)
        return QStringDecoder::Utf8;
    int evenZeros = 0, oddZeros = 0;
    for (qsizetype i = 0; i < n; i += 2) {
        evenZeros += bytes.at(i) == 0 ? 1 : 0;
        oddZeros += bytes.at(i + 1) == 0 ? 1 : 0;
    }
    if (oddZeros * 10 >= n / 2 * 9 && evenZeros == 0)
        return QStringDecoder::Utf16LE;
    if (evenZeros * 10 >= n / 2 * 9 && oddZeros == 0)
        return QStringDecoder::Utf16BE;
    return QStringDecoder::Utf8;
}

} // namespace

QString decodePlanBytes(const QByteArray &bytes)
{
    QStringDecoder::Encoding encoding = QStringDecoder::Utf8;
    qsizetype skip = 0;
    if (bytes.startsWith("\xEF\xBB\xBF")) {
        skip = 3;
    } else if (bytes.startsWith("\xFF\xFE")) {
        encoding = QStringDecoder::Utf16LE;
        skip = 2;
    } else if (bytes.startsWith("\xFE\xFF")) {
        encoding = QStringDecoder::Utf16BE;
        skip = 2;
    } else {
        encoding = guessUtf16(bytes);
    }
    QStringDecoder decoder(encoding);
    return decoder.decode(bytes.mid(skip));
}

} // namespace tusk::explain
