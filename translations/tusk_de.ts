<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ConnectionPanel</name>
    <message>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection events and server notices appear here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to %1 …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connecting to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 on %2:%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>standby (read-only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>primary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (superuser)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encryption</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none (no TLS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backend PID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extensions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connected: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection failed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionsPanel</name>
    <message>
        <source>New…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the connection “%1”?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>service %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
read-only sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
password: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <source>Search history…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Statement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ms</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Tusk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Objects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History and autosave are off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — Tusk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>standby</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>primary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no TLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in transaction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>transaction failed — roll back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Connect…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New &amp;query tab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open SQL file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Close tab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Query</source>
        <translation>&amp;Abfrage</translation>
    </message>
    <message>
        <source>Open plan from file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>Command palette…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plans</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to a server first: plans open in a query tab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open SQL file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQL files (*.sql);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
</context>
<context>
    <name>PlanImport</name>
    <message>
        <source>Open a plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plans (*.json *.txt *.yaml *.yml *.xml *.log);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is larger than 50 MB; that is not a plan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read a plan from %1:
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The clipboard holds no text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pasted plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste a plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The clipboard holds no plan Tusk can read:
%1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlanPane</name>
    <message numerus="yes">
        <source>%n node(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>What if…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plans of this tab, newest first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare… ▾</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare this plan with an earlier one, a file or the clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try candidate indexes for this plan as HypoPG hypothetical indexes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>← Back to the plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the plan (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Swap sides</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the other plan as &quot;before&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No other plan in this tab yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan from a file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan from the clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan diff: %1 → %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueryWorkspace</name>
    <message>
        <source>Connected to %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection lost. Your SQL is still here; reconnect to go on.
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm a destructive statement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This statement %1 on %2.

Run it?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Query %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restored from the autosave of %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not valid UTF-8: the invalid bytes were replaced by �. Saving writes UTF-8.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened %1 (%L2 bytes).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the statement at the cursor, or the selection (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run script</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run every statement, one after the other (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the running statement (Ctrl+.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transaction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Explicit transaction. Off: every statement commits on its own. On: statements run in a transaction until you Commit or Roll back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Roll back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Explain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the plan of the statement at the cursor, without running it (F7)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Explain Analyze</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the statement and show its plan with real times and rows (Shift+F7). A statement that changes data is rolled back afterwards.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to run at the cursor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skipped psql meta-command on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source> (and %n more statement(s) of this run are destructive too)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel requested…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported %L1 rows to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result %1.%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result %1.%2 (%L3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %L2 rows in %L3 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %L2 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Change the limit in Settings (grid/maxRows, grid/maxMegabytes).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not run (you declined): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Nothing of the %n statement(s) was run.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n statement(s) after the cancelled one were not run.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n statement(s) after the failing one were not run.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Explicit transaction mode: statements run inside a transaction until Commit or Roll back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto-commit mode.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open transaction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This tab has an open transaction. Closing it rolls the transaction back.

Roll back and close?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BUFFERS: blocks read and hit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VERBOSE: output columns, schemas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SETTINGS: changed planner settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WAL: records written (with ANALYZE)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TIMING: per-node times (with ANALYZE)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>COSTS: planner estimates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Options</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EXPLAIN options</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to explain at the cursor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left out %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>changes data: EXPLAIN ANALYZE runs it for real, then Tusk rolls it back (%1). Effects outside the transaction stay: sequence values, NOTIFY, writes through dblink or to files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to a savepoint in your transaction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in a transaction of its own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not explained (you declined): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EXPLAIN ANALYZE of a statement that changes data: running it inside %1, rolled back afterwards.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a savepoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a transaction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EXPLAIN ANALYZE runs the statement for real, inside %1 that is rolled back afterwards (a function it calls may write).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Plan: %n node(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>, executed in %L1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What if: with the hypothetical index</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What if: without it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>explicit transactions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>auto-commit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save SQL file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQL files (*.sql);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run statement at cursor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Explicit transaction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save &amp;as…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reconnect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Toggle comment</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResultPane</name>
    <message>
        <source>Filter fetched rows…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%L1 of %L2 rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%L1 rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TSV (*.tsv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting %L1 rows to %2…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export cancelled; no file was written.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WhatIfDialog</name>
    <message>
        <source>What if — hypothetical indexes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run this statement?</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Without a new index the planner estimates %1. Trying %n candidate(s)…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled; the hypothetical indexes were removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run CREATE EXTENSION hypopg…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Index</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Planner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recommended index</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the candidates to get a recommendation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insert into editor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CONCURRENTLY builds without blocking writes; it cannot run inside a transaction block. The server names the index.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try checked indexes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare plans</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The plan without the index next to the plan with it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HypoPG is installed on the server but not created in this database. Creating it adds its functions to the database; it changes no data and needs no restart.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating the extension…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking for HypoPG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HypoPG %1 is installed on the server but not created in this database. Tusk can run:

  %2;

Hypothetical indexes exist only in this session and only for the planner: nothing is built.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HypoPG is not created in this database. The candidates below can still be built.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HypoPG is not available, so the candidates cannot be tried. They can still be built.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HypoPG %1: checking candidates…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pg_qualstats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No candidate: no scan in this plan filters or joins on columns a B-tree index could serve, or the plan already uses such an index.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This plan has no statement to plan again (it was opened from a file): the candidates can be built but not tried.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>HypoPG %1 is ready. %n candidate(s) from the plan; check the ones to try.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Planning the statement without a new index…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>uses it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tried %1 of %2…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None of the tried indexes makes the planner&apos;s estimate cheaper: the planner did not use them, or they do not pay off for this statement.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recommended: %1 — estimated cost %2 → %3 (%4% cheaper). Estimates only: nothing was built; check with EXPLAIN ANALYZE once the index exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>uses it — recommended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan with %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current plan (the plan with each index shows after a run)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selected candidate (not tried)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Tusk — a PostgreSQL workbench for DBAs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>light, dark or system (default).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect at start: URI, key=value string or service=NAME.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tusk::advisor::WhatIfRunner</name>
    <message>
        <source>&lt;major version&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HypoPG is not installed on this server. Install the package for PostgreSQL %1 on the database server, then create the extension in this database (no restart needed):

  Debian, Ubuntu (PGDG):   sudo apt install postgresql-%1-hypopg
  RHEL, Rocky, Fedora:     sudo dnf install hypopg_%1
  From source:             https://github.com/HypoPG/hypopg

  CREATE EXTENSION hypopg;

Managed services (RDS, Cloud SQL, Azure …): where the provider offers hypopg, only the CREATE EXTENSION is needed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s plan could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tusk::catalog</name>
    <message>
        <source>server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Databases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>schema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schemas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tables</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>partitioned table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>partition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partitions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Views</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>materialized view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Materialized Views</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>foreign table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Foreign Tables</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>index</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Indexes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sequence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sequences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>function</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Functions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>procedure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Procedures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>aggregate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aggregates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Types</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Roles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tablespace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tablespaces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>extension</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extensions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the session is gone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the connection to database %1 was closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot script a %1 as %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 no longer exists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scripting sequences needs PostgreSQL 10 or later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a base type: it is defined in C by the extension that provides it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is built in</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tusk::catalog::ObjectTreeModel</name>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The planner&apos;s row estimate (pg_class.reltuples) as of the last ANALYZE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browsed through a connection of its own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size: %1 (%2 bytes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows (estimate): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bound: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partitioned by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encoding: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Location: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tusk::explain</name>
    <message>
        <source>not valid JSON: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (after removing the psql frame around it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the JSON array holds no plan object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON without a &quot;Plan&quot; object: not EXPLAIN (FORMAT JSON) output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1, column %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty input: no plan to read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no JSON array or object found: is this EXPLAIN (FORMAT JSON) output?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected text after the plan (indentation does not match)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a tab in the indentation (YAML indents with spaces only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nested too deeply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a list item where &quot;key: value&quot; was expected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected &quot;key: value&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected indentation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected text after the value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>flow mappings ({…}) are not part of EXPLAIN&apos;s YAML</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bad \u escape</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown escape \%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unterminated quoted string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected &apos;,&apos; or &apos;]&apos; in a [ … ] list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the YAML list holds no plan mapping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>YAML without a &quot;Plan&quot; mapping: not EXPLAIN (FORMAT YAML) output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no &quot;Plan:&quot; found: is this EXPLAIN (FORMAT YAML) output?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>XML without a &lt;Plan&gt; element: not EXPLAIN (FORMAT XML) output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no XML element found: is this EXPLAIN (FORMAT XML) output?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not valid XML: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no &lt;explain&gt; element found: is this EXPLAIN (FORMAT XML) output?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (now %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1× more rows than estimated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1× fewer rows than estimated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 planned workers were launched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The worker pool was exhausted: other queries held the workers, or the pool is too small — raise max_parallel_workers%1 (at most max_worker_processes%2, which needs a restart), or run fewer parallel queries at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (estimated %2, got %3 per loop)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ANALYZE the tables involved; for correlated columns try CREATE STATISTICS; raise the column&apos;s statistics target if values are skewed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sort spilled to disk: %1 kB written (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>external sort</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sorting in memory takes about %1× the space written to disk: try SET LOCAL work_mem = &apos;%2&apos;%3 for this query, or sort fewer or narrower rows; an index on the sort key%4 can avoid the sort.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, planned %1: the hash table outgrew its estimate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>about &apos;%1&apos; (%2 kB per batch × %3 batches)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hash used %1 batches%2: it spilled to disk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hash table fits in memory with work_mem × hash_mem_multiplier of %1: SET LOCAL work_mem%2 or hash_mem_multiplier%3 for this query, or hash the smaller input.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HashAggregate spilled to disk: %1 batches, %2 kB written (peak memory %3 kB)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The groups fit in memory with work_mem × hash_mem_multiplier of about &apos;%1&apos;: SET LOCAL work_mem%2 or hash_mem_multiplier%3 for this query; fewer groups (a better estimate of them: ANALYZE) also help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bitmap went lossy on %1 of %2 heap pages: every row on them was rechecked (%3 removed by the recheck)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The bitmap did not fit in work_mem%1; an exact bitmap needs about %2 bytes per heap page: SET LOCAL work_mem = &apos;%3&apos; for this query.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an index matching the filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> For LIKE &apos;prefix%&apos; the index needs text_pattern_ops (or the C collation).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seq Scan on %1 read %2 rows to keep %3 (%4% removed by the filter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 lets PostgreSQL read only the rows it keeps (filter: %2); a partial index (… WHERE &lt;the constant part&gt;) fits when the filter is always the same.%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter removed %1% of the rows read (%2 of %3 per loop)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An index on the filtered columns (or a partial index matching the filter) lets PostgreSQL read only the rows it keeps.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 on %2 with no condition to misjudge: estimated %3 rows, got %4 — the table&apos;s statistics are out of date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run ANALYZE %1; if this recurs, autovacuum does not analyze it often enough: lower its autovacuum_analyze_scale_factor (ALTER TABLE %1 SET (autovacuum_analyze_scale_factor = 0.02)) and watch n_mod_since_analyze in pg_stat_user_tables.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each loop is an index lookup (Index Cond: %1). </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each loop re-reads the inner side without an index. </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each loop re-reads the inner side: CREATE INDEX ON %1 (%2) turns it into a lookup. </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The outer side returned %1 rows where %2 were estimated: with a right estimate (ANALYZE, CREATE STATISTICS) the planner would likely pick a hash or merge join.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A hash or merge join reads the inner side once: check enable_hashjoin%1 and enable_mergejoin%2, and that work_mem%3 fits the hash table.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nested Loop ran its inner side (%1) %2 times: %3 ms, %4% of the time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JIT compilation took %1 ms of the %2 ms execution (%3%): %4 ms inlining, %5 ms optimization, %6 ms emission</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JIT costs more than it saves here: SET jit = off for this query (or ALTER ROLE / DATABASE … SET jit = off), or raise jit_above_cost%1 above the plan&apos;s cost of %2; raising jit_inline_above_cost%3 and jit_optimize_above_cost%4 keeps JIT without its most expensive steps.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it combines several indexes with a BitmapAnd</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its filter removes %1 of the %2 rows it reads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it filters rows it has read (estimated %1 kept)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is the inner side of a %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an index on (%1) would let it read only the matching rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an index on (%1) would find the matching rows in the order the Sort above wants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> text_pattern_ops lets LIKE &apos;prefix%&apos; use it in any collation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> It indexes the expression because the condition applies a function to the column.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 on %2: %3; %4.%5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pg_qualstats saw queries filter %1 on these columns often and selectively (pg_qualstats_index_advisor()).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a plan node indented less than the plan&apos;s root: the indentation is broken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a subplan label (%1) outside the plan tree</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no plan node found: this does not look like EXPLAIN output (a plan starts with a line such as &quot;Seq Scan on t  (cost=…)&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exclusive time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buffers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s plan could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tusk::monitor::Sampler</name>
    <message>
        <source>not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1; skipped for %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hit statement_timeout (%1 ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>took %L1 ms</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tusk::pg</name>
    <message>
        <source>out of memory parsing the connection string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use a URI like postgresql://user@host:5432/dbname or key=value pairs like host=db1 port=5432 dbname=app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DETAIL:  %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HINT:  %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CONTEXT:  %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>POSITION:  %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TRY:  %1</source>
        <translation>VORSCHLAG:  %1</translation>
    </message>
    <message>
        <source>Check the user name and password (system keychain or .pgpass entry) for this connection.</source>
        <translation>Prüfen Sie Benutzername und Passwort (Schlüsselbund des Systems oder Eintrag in .pgpass) dieser Verbindung.</translation>
    </message>
    <message>
        <source>The server refuses this user, host and database: check the user name (does the role exist, may it log in?), ask for a pg_hba.conf entry, or try another sslmode.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server asks for a password: enter one, or add a line to ~/.pgpass (chmod 0600).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the database name; connect to the &apos;postgres&apos; database to list them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This role may not connect to that database: ask for GRANT CONNECT ON DATABASE, or choose another database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That database does not accept connections (datallowconn is off, as for template0): choose another database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server, database or role is at its connection limit (max_connections or CONNECTION LIMIT): close idle sessions or try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server is starting, shutting down or recovering: try again in a few seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server ended this session (pg_terminate_backend or a shutdown): reconnect; check the server log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another server process crashed and the server is restarting: reconnect in a few seconds; check the server log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database was dropped: connect to another one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The session was idle longer than idle_session_timeout: reconnect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The transaction stayed idle longer than idle_in_transaction_session_timeout and was rolled back: reconnect, and commit or roll back sooner.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the host and port; start the server, or check its listen_addresses and any firewall.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No server socket at that path: is the server running, and is the socket directory right?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the host name (DNS) or use an IP address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The host cannot be reached: check the network path (VPN, routing, firewall) and the host.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server did not answer in time: check the network path, firewall and host/port.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS was required but could not be set up: enable ssl on the server (and check its certificate against sslrootcert), or use sslmode=prefer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server process ended (crash, restart or pg_terminate_backend): reconnect; check the server log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The open transaction was lost: its changes were rolled back by the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the session was closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the connection was closed to connect again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>disconnected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 while the request ran</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%L1 rows were received before and are kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connection to %1 timed out after %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not run: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect (or reconnect) first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled before it ran</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%L1 rows were received before the error and are kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server closed this session: reconnect to go on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the connection to the server was lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>out of memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connection failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>COPY FROM STDIN is not supported here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use COPY FROM a server file, or psql&apos;s \copy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped after %L1 rows (row limit)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped after %L1 MB of data (memory limit) at %L2 rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an earlier statement of the batch failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>COPY is not supported in a query batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The statements before it in this request were rolled back too: they ran in one implicit transaction, whatever their messages said.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the statement was cancelled on the server, so the rest of its result was not computed and whatever it wrote (e.g. through a function) was rolled back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1; the rest of the result was read and dropped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1; the rest of the result was read and dropped, and every statement of the request ran to its end: its changes were committed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1; the rest of the result was read and dropped, and every statement of the request ran to its end: its changes are in the open transaction, not committed yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1; the rest of the result was read and dropped, and every statement of the request ran to its end, but the open transaction has failed: roll it back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1; the rest of the result was read and dropped, and every statement of the request ran to its end.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tusk::sql</name>
    <message>
        <source>drops %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>drops an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>removes every row of the table(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deletes every row (no WHERE clause)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>updates every row (no WHERE clause)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>drops part of an object (ALTER … DROP)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no statement to explain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The statement is an EXPLAIN already: run it as it is, or remove EXPLAIN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EXPLAIN takes SELECT, INSERT, UPDATE, DELETE, MERGE, VALUES, EXECUTE, DECLARE and CREATE TABLE … AS; this statement is %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BUFFERS (without ANALYZE it needs PostgreSQL 13)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SETTINGS (needs PostgreSQL 12)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WAL (needs PostgreSQL 13)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tusk::state</name>
    <message>
        <source>cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is damaged or not a SQLite database (%1); move it away and Tusk starts a new one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>another program holds it locked (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tusk::state::SecretStore</name>
    <message>
        <source>The password is not stored; Tusk asks for it when connecting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password stored in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password stored in the system keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No password in the keychain for this profile.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tusk::state::SqliteWorker</name>
    <message>
        <source>The state file %1 cannot be used: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tusk::state::StateDatabase</name>
    <message>
        <source>it was made by a newer Tusk (state version %1, this Tusk knows up to %2), so it is left untouched; history, autosave and profiles are off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it could not be updated to state version %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tusk::widgets::CardTexts</name>
    <message>
        <source>%1 rows est.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · %1 loops</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never executed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cost %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Σ %1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>each %1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Σ %1 rows · double-click to unfold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 nodes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>each %1 rows est.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Σ %1 rows est. · double-click to unfold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>over %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>partitions of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 identical subtrees</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tusk::widgets::CommandPalette</name>
    <message>
        <source>Type a command…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tusk::widgets::ConnectionDialog</name>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-only sessions (default_transaction_read_only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm destructive statements before running them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste postgresql://user@host:5432/db or host=… dbname=…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>leave empty to use .pgpass or to be asked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>~/.pgpass file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do not store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store password in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS and advanced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SSL mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Root certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Client key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Options</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Production safety</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From pg_service.conf…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From ~/.pgpass…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save and connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept by the desktop&apos;s keychain (Secret Service, KWallet). Without one, Tusk says so and you can choose .pgpass.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Written to %1 (mode 0600), where psql and libpq find it too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not stored: libpq still reads .pgpass; otherwise you are asked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection colour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No pg_service.conf found in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No entries in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected: %1, database %2 as %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tusk::widgets::CopyJob</name>
    <message>
        <source>Copying %L1 cells…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tusk::widgets::FindBar</name>
    <message>
        <source>Match case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whole words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regex</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n replaced</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tusk::widgets::ObjectBrowser</name>
    <message>
        <source>Filter loaded objects by name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Script as &amp;CREATE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Script as &amp;SELECT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy &amp;Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tusk::widgets::PlanDetailsPanel</name>
    <message>
        <source>Plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nodes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Planning time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Execution time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a node to see all of its properties.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subtrees of one shape under %1 whose names differ only by partition, folded into one card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subtrees of one shape under %1 over different tables, folded into one card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click the card to unfold it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subtrees</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Names</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Relation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time (Σ inclusive)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time per subtree</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows (Σ)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows (Σ, estimated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows per subtree</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time and rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exclusive time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inclusive time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actual time per loop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows per loop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (planned %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loops</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Misestimate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Planned rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Width</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alias</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Index</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strategy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parent relationship</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subplan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parallel aware</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workers planned / launched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conditions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Index cond</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recheck cond</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hash cond</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge cond</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows removed by filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows removed by join filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows removed by recheck</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sort and hash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sort key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sort method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sort space</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hash buckets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hash batches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buffers (8 kB blocks, with children)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared hit / read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared dirtied / written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local hit / read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Temp read / written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I/O read / write time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other properties</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tusk::widgets::PlanDiffTable</name>
    <message>
        <source> (together)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (added)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (removed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exclusive time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inclusive time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows (all loops)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows per loop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Planned rows per loop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loops</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared hit blocks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared read blocks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Temp blocks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost (own)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost (total)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tusk::widgets::PlanDiffView</name>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blocks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Biggest changes first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two plans are the same, node for node.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cost %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>changed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tusk::widgets::PlanGraphView</name>
    <message>
        <source>Query plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 subtrees of one shape (%2 nodes): %3 %4 — double-click to unfold</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tusk::widgets::PlanMinimap</name>
    <message>
        <source>Overview: click or drag to move the view</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tusk::widgets::PlanSearchBar</name>
    <message>
        <source>Find relation, index, node…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous match (Shift+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next match (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no match</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tusk::widgets::PlanTreeModel</name>
    <message>
        <source>Node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exclusive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inclusive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Misestimate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loops</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buffers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan node and what it works on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time spent in this node itself (all loops, wall clock)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time in this node and everything below it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exclusive time as a share of the statement&apos;s time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actual rows per loop of planned rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How far the row estimate was off (↑ more rows than planned, ↓ fewer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How often the node ran</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared buffers hit in cache / read, including the children&apos;s (8 kB blocks)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the analysis found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never executed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>shared hit %1, read %2, dirtied %3, written %4; temp read %5, written %6</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tusk::widgets::PlanView</name>
    <message>
        <source>Colour by </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit the plan in the view (0)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>−</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom out (-, Ctrl+wheel)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom in (+, Ctrl+wheel)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unfold all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show every node of the folded groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fold all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fold sibling subtrees of one shape (partitions, UNION ALL branches) into one card each</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image (PNG)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vector image (SVG)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SVG image (*.svg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Original plan (JSON)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Planning &lt;b&gt;%1&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Execution &lt;b&gt;%1&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n node(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n folded group(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>numbers masked (regression output)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>(and %n more)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Export plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tusk::widgets::ResultView</name>
    <message>
        <source>The selection has %L1 cells; Tusk copies at most %L2 to the clipboard. Select fewer rows or export the result to a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy with Headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy As</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Markdown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQL INSERT</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tusk::widgets::plantext</name>
    <message>
        <source>misestimate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sort on disk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hash batches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>filter removes most</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>workers not launched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hashagg spill</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lossy bitmap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nested loop many loops</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seq scan selective</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stale statistics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>jit dominates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>info</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>critical</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
