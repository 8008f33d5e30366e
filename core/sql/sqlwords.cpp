#include "sql/sqlwords.h"

namespace tusk::sql {

QStringList sqlWords(const QString &s)
{
    QStringList out;
    QString cur;
    auto flush = [&] {
        if (!cur.isEmpty())
            out << cur.toUpper();
        cur.clear();
    };
    for (qsizetype i = 0; i < s.size(); ++i) {
        const QChar c = s[i];
        if (c == u'-' && i + 1 < s.size() && s[i + 1] == u'-') {
            flush();
            while (i < s.size() && s[i] != u'\n')
                ++i;
        } else if (c == u'/' && i + 1 < s.size() && s[i + 1] == u'*') {
            flush();
            int depth = 1;
            for (i += 2; i < s.size() && depth > 0; ++i) {
                if (s[i] == u'/' && i + 1 < s.size() && s[i + 1] == u'*')
                    ++depth, ++i;
                else if (s[i] == u'*' && i + 1 < s.size() && s[i + 1] == u'/')
                    --depth, ++i;
            }
            --i;
        } else if (c == u'\'' || c == u'"') {
            flush();
            for (++i; i < s.size(); ++i) {
                if (s[i] == c) {
                    if (i + 1 < s.size() && s[i + 1] == c)
                        ++i;
                    else
                        break;
                }
            }
        } else if (c == u'$' && cur.isEmpty()) {
            // $tag$ ... $tag$
            qsizetype end = s.indexOf(u'$', i + 1);
            if (end < 0)
                break;
            const QString tag = s.mid(i, end - i + 1);
            const qsizetype close = s.indexOf(tag, end + 1);
            i = close < 0 ? s.size() : close + tag.size() - 1;
        } else if (c.isLetterOrNumber() || c == u'_') {
            cur += c;
        } else {
            flush();
        }
    }
    flush();
    return out;
}

} // namespace tusk::sql
