#include "editor/postgreslexer.h"

#include <QColor>
#include <QFont>
#include <QPalette>

namespace tusk::widgets {

namespace {
// Used until the server's pg_get_keywords() list arrives (and for offline plan/SQL views).
const char kDefaultKeywords[] =
    "abort absolute access action add admin after aggregate all also alter always analyse analyze and any "
    "array as "
    "asc assertion assignment asymmetric at atomic attach attribute authorization backward before begin "
    "between "
    "both by cache call called cascade cascaded case cast catalog chain characteristics check checkpoint "
    "class "
    "close cluster collate collation column columns comment comments commit committed concurrently "
    "configuration "
    "conflict connection constraint constraints content continue conversion copy cost create cross csv cube "
    "current current_catalog current_date current_role current_schema current_time current_timestamp "
    "current_user "
    "cursor cycle data database day deallocate declare default defaults deferrable deferred definer delete "
    "delimiter delimiters depends desc detach dictionary disable discard distinct do document domain drop "
    "each "
    "else enable encoding encrypted end enum escape event except exclude excluding exclusive execute exists "
    "explain expression extension external extract false family fetch filter finalize first following for "
    "force "
    "foreign forward freeze from full function functions generated global grant granted greatest group "
    "grouping "
    "groups handler having header hold hour identity if ilike immediate immutable implicit import in include "
    "including increment index indexes inherit inherits initially inline inner inout input insensitive "
    "insert "
    "instead intersect into invoker is isnull isolation join key label language large last lateral leading "
    "leakproof least left level like limit listen load local localtime localtimestamp location lock locked "
    "logged "
    "mapping match matched materialized maxvalue merge method minute minvalue mode month move name names "
    "natural "
    "new next nfc nfd nfkc nfkd no none normalize normalized not nothing notify notnull nowait null nullif "
    "nulls "
    "object of off offset oids old on only operator option options or order ordinality others out outer over "
    "overlaps overlay overriding owned owner parallel parser partial partition passing password placing "
    "plans "
    "policy position preceding prepare prepared preserve primary prior privileges procedural procedure "
    "procedures program publication quote range read reassign recheck recursive ref references referencing "
    "refresh reindex relative release rename repeatable replace replica reset restart restrict return "
    "returning "
    "returns revoke right role rollback rollup routine routines row rows rule savepoint schema schemas "
    "scroll "
    "search second security select sequence sequences serializable server session session_user set setof "
    "sets "
    "share show similar simple skip snapshot some sql stable standalone start statement statistics stdin "
    "stdout "
    "storage stored strict strip subscription substring support symmetric sysid system table tables "
    "tablesample "
    "tablespace temp template temporary then ties to trailing transaction transform treat trigger trim true "
    "truncate trusted type types uescape unbounded uncommitted unencrypted union unique unknown unlisten "
    "unlogged "
    "until update user using vacuum valid validate validator value values variadic verbose version view "
    "views "
    "volatile when where whitespace window with within without work wrapper write xmlattributes year yes "
    "zone";

const char kTypes[] =
    "bigint bigserial bit bool boolean box bytea char character cidr circle date decimal "
    "double float float4 float8 inet int int2 int4 int8 integer interval json jsonb line lseg "
    "macaddr money numeric oid path point polygon precision real regclass regproc serial "
    "smallint smallserial text time timestamp timestamptz timetz tsquery tsvector uuid varchar "
    "varying xml";

bool isDark(const QPalette &p)
{
    return p.color(QPalette::Base).lightness() < 128;
}
} // namespace

PostgresLexer::PostgresLexer(QObject *parent)
    : QsciLexerSQL(parent)
    , m_keywords(kDefaultKeywords)
    , m_types(kTypes)
{
    setFoldComments(true);
    setFoldCompact(false);
}

const char *PostgresLexer::keywords(int set) const
{
    if (set == 1)
        return m_keywords.constData();
    if (set == 2)
        return m_types.constData();
    return nullptr;
}

void PostgresLexer::setKeywords(const QStringList &words)
{
    if (words.isEmpty())
        return;
    m_keywords = words.join(u' ').toLower().toUtf8();
}

QStringList PostgresLexer::defaultKeywords()
{
    return QString::fromLatin1(kDefaultKeywords).split(u' ');
}

void PostgresLexer::applyPalette(const QPalette &palette, const QFont &font)
{
    const bool dark = isDark(palette);
    const QColor text = palette.color(QPalette::Text);
    const QColor paper = palette.color(QPalette::Base);
    setDefaultColor(text);
    setDefaultPaper(paper);
    setDefaultFont(font);
    setFont(font);
    setPaper(paper);
    setColor(text);
    QFont bold = font;
    bold.setBold(true);
    QFont italic = font;
    italic.setItalic(true);

    const QColor keyword = dark ? QColor(0x6c, 0xa6, 0xe8) : QColor(0x1f, 0x5f, 0xa8);
    const QColor type = dark ? QColor(0x4e, 0xc9, 0xb0) : QColor(0x26, 0x7f, 0x99);
    const QColor string = dark ? QColor(0xe0, 0xa6, 0x72) : QColor(0xa3, 0x50, 0x1b);
    const QColor comment = dark ? QColor(0x7f, 0x88, 0x93) : QColor(0x6a, 0x73, 0x7d);
    const QColor number = dark ? QColor(0x9c, 0xcc, 0x65) : QColor(0x09, 0x86, 0x58);
    const QColor ident = dark ? QColor(0xc3, 0x9b, 0xff) : QColor(0x6f, 0x42, 0xc1);
    const QColor op = dark ? QColor(0xc8, 0xcc, 0xd2) : QColor(0x40, 0x46, 0x4e);

    setColor(keyword, Keyword);
    setFont(bold, Keyword);
    // Style 16 (keyword set 2) is not among QsciLexerSQL's described styles, so the
    // all-styles setters above skip it: set it up explicitly.
    setColor(type, 16);
    setPaper(paper, 16);
    setFont(font, 16);
    setColor(string, SingleQuotedString);
    setColor(ident, DoubleQuotedString); // "quoted identifiers" in PostgreSQL
    setColor(ident, QuotedIdentifier);
    for (int s : {Comment, CommentLine, CommentDoc, CommentLineHash, CommentDocKeyword}) {
        setColor(comment, s);
        setFont(italic, s);
    }
    setColor(number, Number);
    setColor(op, Operator);
    setColor(text, Identifier);
}

} // namespace tusk::widgets
