#include "sandbox/demoschema.h"

namespace tusk::sandbox {

QString DemoSchema::sql()
{
    // Deterministic data (setseed) so demos and screenshots look the same every time.
    return QStringLiteral(R"SQL(
SELECT setseed(0.42);
CREATE SCHEMA crm;
COMMENT ON SCHEMA crm IS 'Tusk demo: a multi-tenant CRM';

CREATE TABLE crm.tenants (
    id          int PRIMARY KEY,
    name        text NOT NULL UNIQUE,
    plan        text NOT NULL CHECK (plan IN ('free', 'team', 'enterprise')),
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE crm.accounts (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id   int NOT NULL REFERENCES crm.tenants,
    name        text NOT NULL,
    industry    text,
    country     char(2) NOT NULL,
    annual_revenue numeric(14,2),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE crm.contacts (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id   int NOT NULL REFERENCES crm.tenants,
    account_id  bigint NOT NULL REFERENCES crm.accounts,
    full_name   text NOT NULL,
    email       text NOT NULL,
    phone       text,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE crm.deals (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id   int NOT NULL REFERENCES crm.tenants,
    account_id  bigint NOT NULL REFERENCES crm.accounts,
    title       text NOT NULL,
    stage       text NOT NULL CHECK (stage IN ('lead', 'qualified', 'proposal', 'won', 'lost')),
    amount      numeric(12,2) NOT NULL,
    close_date  date,
    attributes  jsonb NOT NULL DEFAULT '{}'
);
CREATE TABLE crm.activities (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id   int NOT NULL REFERENCES crm.tenants,
    contact_id  bigint NOT NULL REFERENCES crm.contacts,
    kind        text NOT NULL,
    note        text,
    happened_at timestamptz NOT NULL
);
CREATE TABLE crm.events (
    tenant_id   int NOT NULL,
    occurred_at timestamptz NOT NULL,
    event_type  text NOT NULL,
    payload     jsonb
) PARTITION BY RANGE (occurred_at);

DO $$
DECLARE m date;
BEGIN
    FOR i IN 0..11 LOOP
        m := date_trunc('month', date '2026-01-01') + make_interval(months => i);
        EXECUTE format('CREATE TABLE crm.%I PARTITION OF crm.events FOR VALUES FROM (%L) TO (%L)',
                       'events_' || to_char(m, 'YYYY_MM'), m, m + interval '1 month');
    END LOOP;
END $$;
CREATE TABLE crm.events_default PARTITION OF crm.events DEFAULT;

INSERT INTO crm.tenants
SELECT g, 'Tenant ' || g, (ARRAY['free', 'team', 'enterprise'])[1 + g % 3], now() - g * interval '3 days'
FROM generate_series(1, 100) g;

INSERT INTO crm.accounts (tenant_id, name, industry, country, annual_revenue, created_at)
SELECT 1 + g % 100, 'Account ' || g,
       (ARRAY['retail', 'banking', 'health', 'energy', 'software', 'logistics'])[1 + g % 6],
       (ARRAY['DE', 'FR', 'US', 'GB', 'JP', 'BR', 'IN'])[1 + g % 7],
       round((random() * 1e8)::numeric, 2), now() - (g % 1000) * interval '1 day'
FROM generate_series(1, 10000) g;

INSERT INTO crm.contacts (tenant_id, account_id, full_name, email, phone, created_at)
SELECT a.tenant_id, a.id, 'Contact ' || g, 'contact' || g || '@example.com',
       CASE WHEN g % 4 = 0 THEN NULL ELSE '+49 30 ' || (1000000 + g) END, a.created_at
FROM generate_series(1, 100000) g
JOIN crm.accounts a ON a.id = 1 + g % 10000;

INSERT INTO crm.deals (tenant_id, account_id, title, stage, amount, close_date, attributes)
SELECT a.tenant_id, a.id, 'Deal ' || g,
       (ARRAY['lead', 'qualified', 'proposal', 'won', 'lost'])[1 + g % 5],
       round((random() * 100000)::numeric, 2), date '2026-01-01' + g % 365,
       jsonb_build_object('source', (ARRAY['web', 'referral', 'event'])[1 + g % 3], 'priority', g % 5)
FROM generate_series(1, 50000) g
JOIN crm.accounts a ON a.id = 1 + g % 10000;

INSERT INTO crm.activities (tenant_id, contact_id, kind, note, happened_at)
SELECT c.tenant_id, c.id, (ARRAY['call', 'email', 'meeting', 'note'])[1 + g % 4],
       CASE WHEN g % 3 = 0 THEN 'Follow-up about deal ' || g % 50000 END,
       timestamptz '2026-01-01' + (g % 365) * interval '1 day' + (g % 86400) * interval '1 second'
FROM generate_series(1, 400000) g
JOIN crm.contacts c ON c.id = 1 + g % 100000;

INSERT INTO crm.events (tenant_id, occurred_at, event_type, payload)
SELECT 1 + g % 100, timestamptz '2026-01-01' + (g % 400) * interval '1 day' + (g % 3600) * interval '1 second',
       (ARRAY['login', 'page_view', 'export', 'api_call'])[1 + g % 4],
       jsonb_build_object('ms', g % 900, 'ok', g % 17 <> 0)
FROM generate_series(1, 440000) g;

CREATE INDEX ON crm.accounts (tenant_id);
CREATE INDEX ON crm.contacts (account_id);
CREATE INDEX ON crm.contacts (tenant_id, email);
CREATE INDEX ON crm.deals (account_id);
CREATE INDEX ON crm.deals (tenant_id, stage);
CREATE INDEX ON crm.activities (contact_id);
CREATE INDEX ON crm.events (tenant_id, occurred_at);

CREATE VIEW crm.open_pipeline AS
SELECT t.name AS tenant, d.stage, count(*) AS deals, sum(d.amount) AS amount
FROM crm.deals d JOIN crm.tenants t ON t.id = d.tenant_id
WHERE d.stage NOT IN ('won', 'lost')
GROUP BY t.name, d.stage;

CREATE MATERIALIZED VIEW crm.monthly_events AS
SELECT date_trunc('month', occurred_at) AS month, event_type, count(*) AS events
FROM crm.events GROUP BY 1, 2;

ALTER TABLE crm.deals ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON crm.deals
    USING (tenant_id = nullif(current_setting('crm.tenant_id', true), '')::int);

VACUUM ANALYZE;
)SQL");
}

QString DemoSchema::workloadScript()
{
    // A few hot rows (ids 1..20) so that lock waits happen now and then.
    return QStringLiteral(R"SQL(\set aid random(1, 10000)
\set hot random(1, 20)
\set cid random(1, 100000)
BEGIN;
UPDATE crm.accounts SET updated_at = now() WHERE id = :aid;
INSERT INTO crm.activities (tenant_id, contact_id, kind, note, happened_at)
    SELECT tenant_id, id, 'call', 'workload', now() FROM crm.contacts WHERE id = :cid;
SELECT count(*), sum(amount) FROM crm.deals WHERE account_id = :aid;
UPDATE crm.deals SET amount = amount + 1 WHERE id = :hot;
SELECT pg_sleep(0.02);
END;
INSERT INTO crm.events (tenant_id, occurred_at, event_type) VALUES (1 + :aid % 100, now(), 'api_call');
)SQL");
}

} // namespace tusk::sandbox
