#include "sql/splitter.h"

#include <QString>
#include <QStringList>
#include <QTest>

#include <initializer_list>
#include <random>
#include <string>
#include <string_view>
#include <vector>

using tusk::sql::splitStatements;
using tusk::sql::Statement;
using tusk::sql::statementAt;

namespace {

QStringList texts(std::string_view script)
{
    QStringList result;
    for (const Statement &s : splitStatements(script)) {
        const std::string_view t = s.text(script);
        result << QString::fromUtf8(t.data(), static_cast<qsizetype>(t.size()));
    }
    return result;
}

QStringList utf8(std::initializer_list<std::string_view> items)
{
    QStringList result;
    for (const std::string_view item : items)
        result << QString::fromUtf8(item.data(), static_cast<qsizetype>(item.size()));
    return result;
}

QStringList kinds(std::string_view script)
{
    QStringList result;
    for (const Statement &s : splitStatements(script))
        result << (s.kind == Statement::Kind::Sql ? QStringLiteral("sql") : QStringLiteral("meta"));
    return result;
}

} // namespace

class TestSplitter : public QObject
{
    Q_OBJECT

private slots:
    void splitsSimpleStatements();
    void keepsSemicolonsInDollarQuotes();
    void handlesTaggedDollarQuotes();
    void distinguishesParameterFromDollarQuote();
    void handlesEscapeStrings();
    void standardStringsTreatBackslashLiterally();
    void keepsSemicolonsInQuotedIdentifiers();
    void handlesNestedBlockComments();
    void ignoresLineComments();
    void keepsSemicolonsInParenthesesLikePsql();
    void keepsBeginAtomicBodyTogether();
    void beginOutsideRoutinesDoesNotJoinStatements();
    void reportsPsqlMetaCommands();
    void queryBufferCommandsTerminateStatements();
    void keepsOptimizerHintWithStatement();
    void reportsOffsetsLinesAndColumns();
    void handlesUnterminatedInputAtEnd();
    void findsStatementAtCursor();
    void handlesCrlf();
    void emptyAndCommentOnlyInput();
    void randomInputKeepsRangesOrderedAndInBounds();
};

void TestSplitter::splitsSimpleStatements()
{
    const std::string_view script = "SELECT 1;\nSELECT 2;\n  INSERT INTO t VALUES (1, 'a');SELECT 3";
    QCOMPARE(texts(script), utf8({"SELECT 1;", "SELECT 2;", "INSERT INTO t VALUES (1, 'a');", "SELECT 3"}));
    const auto statements = splitStatements(script);
    QCOMPARE(statements.size(), std::size_t(4));
    for (int i = 0; i < 3; ++i) {
        QVERIFY(statements[i].terminated);
        QVERIFY(statements[i].kind == Statement::Kind::Sql);
    }
    QVERIFY(!statements[3].terminated);
}

void TestSplitter::keepsSemicolonsInDollarQuotes()
{
    const std::string_view script =
        "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; SELECT 2; $$ LANGUAGE sql;\n"
        "DO $$BEGIN RAISE NOTICE ';'; END$$;\n"
        "SELECT f();";
    QCOMPARE(texts(script),
             utf8({"CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; SELECT 2; $$ LANGUAGE sql;",
                   "DO $$BEGIN RAISE NOTICE ';'; END$$;", "SELECT f();"}));
}

void TestSplitter::handlesTaggedDollarQuotes()
{
    // Different tags inside a dollar quote are plain text.
    QCOMPARE(
        texts(
            "CREATE FUNCTION g() RETURNS text AS $fn$ SELECT $$;$$ || $x$;$x$; $fn$ LANGUAGE sql; SELECT 2;"),
        utf8({"CREATE FUNCTION g() RETURNS text AS $fn$ SELECT $$;$$ || $x$;$x$; $fn$ LANGUAGE sql;",
              "SELECT 2;"}));
    // The closing delimiter is found even when glued to other '$' characters.
    QCOMPARE(texts("SELECT $a$ x;$$a$; SELECT 2;"), utf8({"SELECT $a$ x;$$a$;", "SELECT 2;"}));
    // Tags are case sensitive and may contain UTF-8 letters and digits.
    QCOMPARE(texts("SELECT $Tag$ ; $tag$ ; $Tag$;SELECT $ä1$;$ä1$;"),
             utf8({"SELECT $Tag$ ; $tag$ ; $Tag$;", "SELECT $ä1$;$ä1$;"}));
    // An identifier may contain '$', so "x$$" does not open a dollar quote.
    QCOMPARE(texts("SELECT x$$;SELECT a$b$ ;SELECT 2;"), utf8({"SELECT x$$;", "SELECT a$b$ ;", "SELECT 2;"}));
    // A number followed by $$ does open one.
    QCOMPARE(texts("SELECT 1$$;$$;SELECT 2;"), utf8({"SELECT 1$$;$$;", "SELECT 2;"}));
}

void TestSplitter::distinguishesParameterFromDollarQuote()
{
    QCOMPARE(texts("PREPARE p(int, int) AS SELECT $1 + $2;\nEXECUTE p(1, 2);"),
             utf8({"PREPARE p(int, int) AS SELECT $1 + $2;", "EXECUTE p(1, 2);"}));
    QCOMPARE(texts("SELECT $1$ ; SELECT 2;"), utf8({"SELECT $1$ ;", "SELECT 2;"}));
    QCOMPARE(texts("SELECT $12;SELECT $ ;SELECT $x ;SELECT 4;"),
             utf8({"SELECT $12;", "SELECT $ ;", "SELECT $x ;", "SELECT 4;"}));
}

void TestSplitter::handlesEscapeStrings()
{
    QCOMPARE(texts("SELECT E'it\\'s; here';SELECT e'\\\\';SELECT E'a''b;c';SELECT 4;"),
             utf8({"SELECT E'it\\'s; here';", "SELECT e'\\\\';", "SELECT E'a''b;c';", "SELECT 4;"}));
    // "typE" is an identifier, so the string after it is a standard one.
    QCOMPARE(texts("SELECT typE'a\\';SELECT 2;"), utf8({"SELECT typE'a\\';", "SELECT 2;"}));
}

void TestSplitter::standardStringsTreatBackslashLiterally()
{
    QCOMPARE(texts("SELECT 'C:\\';SELECT 'it''s;';SELECT 3;"),
             utf8({"SELECT 'C:\\';", "SELECT 'it''s;';", "SELECT 3;"}));
    QCOMPARE(texts("SELECT U&'d\\0061t;a\\';SELECT N'x;\\';SELECT B'1;', X'F;';SELECT 4;"),
             utf8({"SELECT U&'d\\0061t;a\\';", "SELECT N'x;\\';", "SELECT B'1;', X'F;';", "SELECT 4;"}));
}

void TestSplitter::keepsSemicolonsInQuotedIdentifiers()
{
    QCOMPARE(texts("SELECT \"a;\"\"b\" FROM \"t;\";SELECT U&\"d;\\0061\";SELECT 3;"),
             utf8({"SELECT \"a;\"\"b\" FROM \"t;\";", "SELECT U&\"d;\\0061\";", "SELECT 3;"}));
}

void TestSplitter::handlesNestedBlockComments()
{
    QCOMPARE(texts("/* outer /* inner; */ still; */ SELECT 1; /* c */ SELECT /* ; /* ; */ ; */ 2;"),
             utf8({"SELECT 1;", "SELECT /* ; /* ; */ ; */ 2;"}));
    QCOMPARE(texts("SELECT 1 /*/ ; */;SELECT 2 /**/;"), utf8({"SELECT 1 /*/ ; */;", "SELECT 2 /**/;"}));
}

void TestSplitter::ignoresLineComments()
{
    QCOMPARE(texts("-- a; b\nSELECT 1; -- trailing; \nSELECT -- mid;\n 2;\n-- end;"),
             utf8({"SELECT 1;", "SELECT -- mid;\n 2;"}));
    // A comment starts in the middle of an operator.
    QCOMPARE(texts("SELECT 1+--;\n2;"), utf8({"SELECT 1+--;\n2;"}));
    QCOMPARE(texts("SELECT 5 - -3;"), utf8({"SELECT 5 - -3;"}));
}

void TestSplitter::keepsSemicolonsInParenthesesLikePsql()
{
    QCOMPARE(texts("SELECT (1;\n2);SELECT 3;"), utf8({"SELECT (1;\n2);", "SELECT 3;"}));
    QCOMPARE(texts("SELECT 1);SELECT 2;"), utf8({"SELECT 1);", "SELECT 2;"}));
}

void TestSplitter::keepsBeginAtomicBodyTogether()
{
    const std::string_view function = "CREATE OR REPLACE FUNCTION f(a int) RETURNS int LANGUAGE sql\n"
                                      "BEGIN ATOMIC\n"
                                      "  SELECT CASE WHEN a > 0 THEN 1 ELSE 0 END;\n"
                                      "  SELECT (CASE a WHEN 1 THEN 2 END) + 1;\n"
                                      "END;";
    const std::string_view procedure = "create procedure p() begin atomic insert into t values (1); end;";
    const std::string script =
        std::string(function) + "\nSELECT f(1);\n" + std::string(procedure) + "\nCALL p();";
    QCOMPARE(texts(script), utf8({function, "SELECT f(1);", procedure, "CALL p();"}));
    // plpgsql BEGIN ... END lives inside a dollar quote.
    QCOMPARE(texts("CREATE FUNCTION g() RETURNS void AS $$BEGIN END;$$ LANGUAGE plpgsql;SELECT 2;"),
             utf8({"CREATE FUNCTION g() RETURNS void AS $$BEGIN END;$$ LANGUAGE plpgsql;", "SELECT 2;"}));
    // A parameter or column named "begin" is not a body.
    QCOMPARE(texts("CREATE FUNCTION h(begin int) RETURNS int LANGUAGE sql RETURN begin;\nSELECT 3;"),
             utf8({"CREATE FUNCTION h(begin int) RETURNS int LANGUAGE sql RETURN begin;", "SELECT 3;"}));
}

void TestSplitter::beginOutsideRoutinesDoesNotJoinStatements()
{
    QCOMPARE(texts("BEGIN; SELECT 1; END;"), utf8({"BEGIN;", "SELECT 1;", "END;"}));
    QCOMPARE(texts("BEGIN ATOMIC; SELECT 1;"), utf8({"BEGIN ATOMIC;", "SELECT 1;"}));
    QCOMPARE(texts("CREATE TABLE atomic (begin int); SELECT 1;"),
             utf8({"CREATE TABLE atomic (begin int);", "SELECT 1;"}));
}

void TestSplitter::reportsPsqlMetaCommands()
{
    const std::string_view script = "\\set x 1\n"
                                    "SELECT :x, :'x';\n"
                                    "  \\c db  \n"
                                    "/* c */ \\echo 'it''s ; here'\n"
                                    "SELECT 1; \\x\n"
                                    "\\echo no newline at end";
    QCOMPARE(texts(script), utf8({"\\set x 1", "SELECT :x, :'x';", "\\c db", "\\echo 'it''s ; here'",
                                  "SELECT 1;", "\\x", "\\echo no newline at end"}));
    QCOMPARE(kinds(script), utf8({"meta", "sql", "meta", "meta", "sql", "meta", "meta"}));
    for (const Statement &s : splitStatements(script))
        QVERIFY(s.terminated);
    // Inside a statement, "\;" is a literal semicolon and other meta-commands stay in the statement.
    QCOMPARE(texts("SELECT 1 \\; SELECT 2;"), utf8({"SELECT 1 \\; SELECT 2;"}));
    QCOMPARE(texts("SELECT 1\n\\echo don't\n;SELECT 2;"), utf8({"SELECT 1\n\\echo don't\n;", "SELECT 2;"}));
}

void TestSplitter::queryBufferCommandsTerminateStatements()
{
    const std::string_view script = "SELECT 1 \\gset\n"
                                    "SELECT 2 -- two\n"
                                    "\\gx\n"
                                    "SELECT 3 \\g out.txt\n"
                                    "SELECT (4 \\watch 1\n"
                                    "SELECT 5;";
    QCOMPARE(texts(script), utf8({"SELECT 1", "\\gset", "SELECT 2", "\\gx", "SELECT 3", "\\g out.txt",
                                  "SELECT (4", "\\watch 1", "SELECT 5;"}));
    QCOMPARE(kinds(script), utf8({"sql", "meta", "sql", "meta", "sql", "meta", "sql", "meta", "sql"}));
    for (const Statement &s : splitStatements(script))
        QVERIFY(s.terminated);
}

void TestSplitter::keepsOptimizerHintWithStatement()
{
    QCOMPARE(texts("/* note */ /*+ SeqScan(t) */ SELECT * FROM t; /* x */ SELECT 2;"),
             utf8({"/*+ SeqScan(t) */ SELECT * FROM t;", "SELECT 2;"}));
}

void TestSplitter::reportsOffsetsLinesAndColumns()
{
    const std::string_view script = "-- héllo\n"             // 0..8, '\n' at 9
                                    "/* ü */  SELECT 'ä';\n" // line 2 starts at 10
                                    "\tSELECT 2; -- x\n"     // line 3 starts at 33
                                    "  \\echo ö\n"           // line 4 starts at 49
                                    "SELECT 'ü'";            // line 5 starts at 60
    QCOMPARE(script.size(), std::size_t(71));
    const auto statements = splitStatements(script);
    QCOMPARE(statements.size(), std::size_t(4));

    QCOMPARE(statements[0].begin, std::size_t(20));
    QCOMPARE(statements[0].end, std::size_t(32));
    QCOMPARE(statements[0].line, 2);
    QCOMPARE(statements[0].column, 11);
    QVERIFY(statements[0].terminated);

    QCOMPARE(statements[1].begin, std::size_t(34));
    QCOMPARE(statements[1].end, std::size_t(43));
    QCOMPARE(statements[1].line, 3);
    QCOMPARE(statements[1].column, 2);

    QVERIFY(statements[2].kind == Statement::Kind::PsqlMeta);
    QCOMPARE(statements[2].begin, std::size_t(51));
    QCOMPARE(statements[2].end, std::size_t(59));
    QCOMPARE(statements[2].line, 4);
    QCOMPARE(statements[2].column, 3);

    QCOMPARE(statements[3].begin, std::size_t(60));
    QCOMPARE(statements[3].end, std::size_t(71));
    QCOMPARE(statements[3].line, 5);
    QCOMPARE(statements[3].column, 1);
    QVERIFY(!statements[3].terminated);

    QCOMPARE(texts(script), utf8({"SELECT 'ä';", "SELECT 2;", "\\echo ö", "SELECT 'ü'"}));
}

void TestSplitter::handlesUnterminatedInputAtEnd()
{
    const std::vector<std::string_view> tails = {
        "SELECT 'abc;",   "SELECT $$ abc;", "SELECT $t$ x $$;", "SELECT /* x; /* */", "SELECT \"abc;",
        "SELECT E'abc\\", "SELECT E'\\'",   "SELECT U&'",       "SELECT e",           "SELECT $",
        "SELECT $tag",    "SELECT (1;",     "SELECT -",         "SELECT /",
    };
    for (const std::string_view tail : tails) {
        const std::string script = "SELECT 0;\n" + std::string(tail);
        const auto statements = splitStatements(script);
        QCOMPARE(statements.size(), std::size_t(2));
        QVERIFY(statements[0].terminated);
        QCOMPARE(statements[1].text(script), tail);
        QVERIFY(!statements[1].terminated);
        QCOMPARE(statements[1].end, script.size());
    }
    // A lone backslash inside a statement is a (failing) psql command, not part of the query.
    QCOMPARE(texts("SELECT 1 \\"), utf8({"SELECT 1"}));
    // Trailing blanks and complete comments are not part of the trailing statement.
    QCOMPARE(texts("SELECT 2  \n-- tail\n/* c */  \n"), utf8({"SELECT 2"}));
    // An unterminated comment is an error the server has to report, so it is kept.
    const auto comment = splitStatements("SELECT 1; /* never closed");
    QCOMPARE(comment.size(), std::size_t(2));
    QCOMPARE(comment[1].begin, std::size_t(10));
    QVERIFY(!comment[1].terminated);
}

void TestSplitter::findsStatementAtCursor()
{
    const std::string_view script = "  SELECT 1;  SELECT 2;\n\nSELECT 3";
    const auto statements = splitStatements(script);
    QCOMPARE(statements.size(), std::size_t(3));
    QCOMPARE(statementAt(statements, 0), -1);
    QCOMPARE(statementAt(statements, 1), -1);
    QCOMPARE(statementAt(statements, 2), 0);  // at begin
    QCOMPARE(statementAt(statements, 6), 0);  // inside
    QCOMPARE(statementAt(statements, 11), 0); // just after ';'
    QCOMPARE(statementAt(statements, 12), 0); // whitespace after it
    QCOMPARE(statementAt(statements, 13), 1);
    QCOMPARE(statementAt(statements, 23), 1); // empty line
    QCOMPARE(statementAt(statements, 24), 2);
    QCOMPARE(statementAt(statements, script.size()), 2);
    QCOMPARE(statementAt(statements, 1000), 2);
    QCOMPARE(statementAt({}, 0), -1);
}

void TestSplitter::handlesCrlf()
{
    const std::string_view script = "SELECT 1;\r\n-- c\r\nSELECT\r\n  2;\r\n\\echo x\r\n  SELECT 3\r\n";
    QCOMPARE(texts(script), utf8({"SELECT 1;", "SELECT\r\n  2;", "\\echo x", "SELECT 3"}));
    const auto statements = splitStatements(script);
    QCOMPARE(statements.size(), std::size_t(4));
    QCOMPARE(statements[1].line, 3);
    QCOMPARE(statements[1].column, 1);
    QCOMPARE(statements[2].line, 5);
    QCOMPARE(statements[2].column, 1);
    QCOMPARE(statements[3].line, 6);
    QCOMPARE(statements[3].column, 3);
}

void TestSplitter::emptyAndCommentOnlyInput()
{
    for (const std::string_view script :
         {std::string_view(), std::string_view(""), std::string_view("   \n\t\r\n"), std::string_view("-- x"),
          std::string_view("/* a /* b */ */ -- b\n"), std::string_view(";;  ;\n-- ;\n;")}) {
        QVERIFY(splitStatements(script).empty());
    }
}

void TestSplitter::randomInputKeepsRangesOrderedAndInBounds()
{
    static constexpr std::string_view alphabet =
        "'\"$;-/*\\Eeu&+()\n\r\t  abcBEGINATOMICENDcreatefunction01\xc3\xa4";
    std::mt19937 rng(20240229u);
    std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
    std::uniform_int_distribution<int> length(0, 160);
    std::string script;
    for (int round = 0; round < 5000; ++round) {
        script.clear();
        const int n = length(rng);
        for (int k = 0; k < n; ++k)
            script.push_back(alphabet[pick(rng)]);

        const auto statements = splitStatements(script);
        std::size_t previousEnd = 0;
        int line = 1;
        std::size_t lineStart = 0;
        std::size_t scanned = 0;
        for (std::size_t k = 0; k < statements.size(); ++k) {
            const Statement &s = statements[k];
            QVERIFY2(s.begin >= previousEnd, script.c_str());
            QVERIFY2(s.begin < s.end, script.c_str());
            QVERIFY2(s.end <= script.size(), script.c_str());
            const char first = script[s.begin];
            QVERIFY2(first != ' ' && first != '\n' && first != '\r' && first != '\t', script.c_str());
            if (s.kind == Statement::Kind::PsqlMeta)
                QCOMPARE(first, '\\');
            if (k + 1 < statements.size())
                QVERIFY2(s.terminated, script.c_str());
            for (; scanned < s.begin; ++scanned) {
                if (script[scanned] == '\n') {
                    ++line;
                    lineStart = scanned + 1;
                }
            }
            QCOMPARE(s.line, line);
            QCOMPARE(s.column, static_cast<int>(s.begin - lineStart) + 1);
            previousEnd = s.end;

            QCOMPARE(statementAt(statements, s.begin), static_cast<int>(k));
            QCOMPARE(statementAt(statements, s.end - 1), static_cast<int>(k));
        }
        // Splitting a prefix must not crash either (exercises every end-of-input path).
        splitStatements(std::string_view(script).substr(0, script.size() / 2));
    }
}

QTEST_APPLESS_MAIN(TestSplitter)

#include "tst_splitter.moc"
