-- Tenant isolation in the database (issue 3). The application connects as carerota_app, a role
-- that neither owns the tables nor bypasses row-level security; migrations run as the owner.
-- Every transaction of the application first sets, transaction-locally (set_config(..., true)):
--   carerota.user             who (the token's subject), for the audit log
--   carerota.role             ADMIN | COORDINATOR | CARER | COMMISSIONER, or SYSTEM for the
--                             platform's own work (demo loading, solver workers); only server
--                             code sets SYSTEM, never anything a client sends
--   carerota.organisation_id  the caller's organisation
--   carerota.carer_id         the carer the caller is (CARER only)
-- With no settings (a connection that forgot them) every policy below is false: nothing is seen
-- and nothing can be written. See infra/README.md, "Row-level security", for the table of what
-- each role sees.
--
-- The policies of every table:
--   platform                  SYSTEM: every row, every command
--   tenant                    ADMIN and COORDINATOR: the rows of their own organisation
--   shared_*                  ADMIN and COORDINATOR: rows of pools shared with their organisation
--                             by a sharing agreement (read), plus what publishing to a shared
--                             carer writes (change feed)
--   carer_*                   CARER: their own rows (their carer row, shifts, published
--                             assignments, the visits and service users of those assignments...)
--   carer_only_own_rows       RESTRICTIVE: a CARER never gets past their own rows, whatever
--                             other (permissive) policy a later migration adds
--   no_person_rows_for_commissioners
--                             RESTRICTIVE: a COMMISSIONER never reads person-level rows; reports
--                             give them aggregates
-- Sharing between organisations is policy, not code: a pool shared with an organisation by a
-- sharing agreement (sharing_agreements.commissioner_id, not expired) makes the pool, its carers
-- and their skills, availability, shifts and absences readable by that organisation's staff.

-- ---------------------------------------------------------------------------------------------
-- The application role. Roles are cluster-wide: create it once, never with a password here (an
-- external database's operator sets one: ALTER ROLE carerota_app PASSWORD ...; the embedded
-- server trusts loopback connections). If it exists it must not be a superuser nor bypass RLS.
do
$$
begin
    if current_user = 'carerota_app' then
        raise exception 'migrations must run as the schema owner, not as the application role carerota_app';
    end if;
    if not exists (select from pg_roles where rolname = 'carerota_app') then
        begin
            create role carerota_app login nosuperuser nobypassrls nocreatedb nocreaterole noreplication;
        exception
            when duplicate_object then null; -- created concurrently by another database's migration
        end;
    end if;
    if exists (select from pg_roles where rolname = 'carerota_app' and (rolsuper or rolbypassrls)) then
        raise exception 'the role carerota_app is a superuser or bypasses row-level security: alter it (NOSUPERUSER NOBYPASSRLS) first';
    end if;
end
$$;

-- ---------------------------------------------------------------------------------------------
-- The caller, as the policies see it. STABLE: read once per statement where the planner can.
create function rls_role() returns text
    language sql stable parallel safe as
$$
select coalesce(nullif(current_setting('carerota.role', true), ''), 'NONE')
$$;

create function rls_organisation_id() returns uuid
    language sql stable parallel safe as
$$
select nullif(current_setting('carerota.organisation_id', true), '')::uuid
$$;

create function rls_carer_id() returns uuid
    language sql stable parallel safe as
$$
select nullif(current_setting('carerota.carer_id', true), '')::uuid
$$;

create function rls_user() returns text
    language sql stable parallel safe as
$$
select nullif(current_setting('carerota.user', true), '')
$$;

create function rls_is_platform() returns boolean
    language sql stable parallel safe as
$$
select rls_role() = 'SYSTEM'
$$;

create function rls_is_staff() returns boolean
    language sql stable parallel safe as
$$
select rls_role() in ('ADMIN', 'COORDINATOR') and rls_organisation_id() is not null
$$;

create function rls_is_authenticated() returns boolean
    language sql stable parallel safe as
$$
select rls_role() in ('SYSTEM', 'ADMIN', 'COORDINATOR', 'CARER', 'COMMISSIONER')
$$;

comment on function rls_role() is 'The caller''s role (carerota.role), NONE when unset.';
comment on function rls_organisation_id() is 'The caller''s organisation (carerota.organisation_id), null when unset.';
comment on function rls_carer_id() is 'The carer the caller is (carerota.carer_id), null unless a CARER.';

-- ---------------------------------------------------------------------------------------------
-- Cross-table facts the policies need. Each looks at other tables with carerota.role = SYSTEM
-- for the duration of the call (a function-level SET, restored on return), so that policies never
-- recurse into each other and work whether or not the owner is a superuser; each answers only a
-- yes/no about the caller's own organisation or carer, never rows.

-- Is the pool shared with the caller's organisation by a sharing agreement that has not expired?
create function rls_pool_shared_with_me(pool uuid) returns boolean
    language sql stable security invoker
    set search_path = public, pg_temp
    set carerota.role = 'SYSTEM' as
$$
select exists (select
               from sharing_agreements sa
               where sa.pool_id = pool
                 and sa.commissioner_id = rls_organisation_id()
                 and (sa.valid_to is null or sa.valid_to >= (now() at time zone 'Europe/London')::date))
$$;

-- Is the carer in a pool shared with the caller's organisation?
create function rls_carer_shared_with_me(carer uuid) returns boolean
    language sql stable security invoker
    set search_path = public, pg_temp
    set carerota.role = 'SYSTEM' as
$$
select exists (select
               from carers c
                        join sharing_agreements sa on sa.pool_id = c.pool_id
               where c.id = carer
                 and sa.commissioner_id = rls_organisation_id()
                 and (sa.valid_to is null or sa.valid_to >= (now() at time zone 'Europe/London')::date))
$$;

-- Does the organisation work with the caller's: a partner by sharing agreement (either way
-- round), or the commissioner of the caller's care, or a provider of care the caller commissions?
create function rls_organisation_related(organisation uuid) returns boolean
    language sql stable security invoker
    set search_path = public, pg_temp
    set carerota.role = 'SYSTEM' as
$$
select exists (select
               from sharing_agreements sa
               where (sa.organisation_id = rls_organisation_id() and sa.commissioner_id = organisation)
                  or (sa.commissioner_id = rls_organisation_id() and sa.organisation_id = organisation))
    or exists (select
               from care_packages cp
               where (cp.organisation_id = rls_organisation_id() and cp.commissioner_id = organisation)
                  or (cp.commissioner_id = rls_organisation_id() and cp.organisation_id = organisation))
    or exists (select
               from visits v
               where v.organisation_id = rls_organisation_id() and v.commissioner_id = organisation)
$$;

-- Is (plan, day) the published rota of its area for that day?
create function rls_published(plan uuid, day date) returns boolean
    language sql stable security invoker
    set search_path = public, pg_temp
    set carerota.role = 'SYSTEM' as
$$
select exists (select from published_plan_days d where d.plan_id = plan and d.service_date = day)
$$;

-- Is the caller (a carer) assigned to the visit in a published rota?
create function rls_carer_serves_visit(visit uuid) returns boolean
    language sql stable security invoker
    set search_path = public, pg_temp
    set carerota.role = 'SYSTEM' as
$$
select exists (select
               from assignments a
                        join published_plan_days d on d.plan_id = a.plan_id and d.service_date = a.service_date
               where a.visit_id = visit
                 and a.carer_id = rls_carer_id())
$$;

-- Is the caller (a carer) assigned to a visit of the service user in a published rota?
create function rls_carer_serves_service_user(service_user uuid) returns boolean
    language sql stable security invoker
    set search_path = public, pg_temp
    set carerota.role = 'SYSTEM' as
$$
select exists (select
               from assignments a
                        join published_plan_days d on d.plan_id = a.plan_id and d.service_date = a.service_date
                        join visits v on v.id = a.visit_id
               where v.service_user_id = service_user
                 and a.carer_id = rls_carer_id())
$$;

-- Is the caller (a carer) assigned a visit to the service user today in a published rota?
create function rls_carer_assigned_today(service_user uuid) returns boolean
    language sql stable security invoker
    set search_path = public, pg_temp
    set carerota.role = 'SYSTEM' as
$$
select exists (select
               from assignments a
                        join published_plan_days d on d.plan_id = a.plan_id and d.service_date = a.service_date
                        join visits v on v.id = a.visit_id
               where v.service_user_id = service_user
                 and a.carer_id = rls_carer_id()
                 and a.service_date = (now() at time zone 'Europe/London')::date
                 and v.status <> 'CANCELLED')
$$;

-- May the caller see the decrypted access notes (key safe codes) of a service user? The
-- application decrypts only when this is true.
create function rls_may_read_access_notes(service_user uuid, owner uuid) returns boolean
    language sql stable as
$$
select case rls_role()
           when 'SYSTEM' then true
           when 'ADMIN' then owner = rls_organisation_id()
           when 'COORDINATOR' then owner = rls_organisation_id()
           when 'CARER' then rls_carer_assigned_today(service_user)
           else false
       end
$$;

comment on function rls_may_read_access_notes(uuid, uuid) is
    'Whether the caller may see the decrypted access notes of a service user (owner = service_users.organisation_id): coordinators and admins of the owning organisation, and a carer assigned a published visit to them today.';

-- ---------------------------------------------------------------------------------------------
-- Applies ENABLE + FORCE and the standard policies to one tenant table (one with organisation_id).
--   carer_rows      predicate of a CARER's own rows, or null: carers see none
--   carer_commands  what a carer may do with those rows (SELECT, INSERT, UPDATE, DELETE)
--   shared_rows     predicate of rows shared with the caller's organisation by agreement, or null
--   shared_commands what staff may do with shared rows
--   person_level    whether commissioners are kept out entirely
create function pg_temp.protect(tbl regclass, carer_rows text, carer_commands text[], shared_rows text,
                                shared_commands text[], person_level boolean) returns void
    language plpgsql as
$$
declare
    command text;
begin
    execute format('alter table %s enable row level security', tbl);
    execute format('alter table %s force row level security', tbl);
    execute format('create policy platform on %s using (rls_is_platform()) with check (rls_is_platform())', tbl);
    execute format('create policy tenant on %s using (rls_is_staff() and organisation_id = rls_organisation_id())'
                       || ' with check (rls_is_staff() and organisation_id = rls_organisation_id())', tbl);
    if shared_rows is not null then
        foreach command in array shared_commands
            loop
                execute format('create policy %I on %s for %s %s', 'shared_' || lower(command), tbl, command,
                               pg_temp.clauses(command, 'rls_is_staff() and ' || shared_rows));
            end loop;
    end if;
    if carer_rows is not null then
        foreach command in array carer_commands
            loop
                execute format('create policy %I on %s for %s %s', 'carer_' || lower(command), tbl, command,
                               pg_temp.clauses(command, 'rls_role() = ''CARER'' and ' || carer_rows));
            end loop;
    end if;
    execute format('create policy carer_only_own_rows on %s as restrictive %s', tbl,
                   pg_temp.clauses('ALL', 'rls_role() <> ''CARER'' or coalesce(' || coalesce(carer_rows, 'false') || ', false)'));
    if person_level then
        execute format('create policy no_person_rows_for_commissioners on %s as restrictive %s', tbl,
                       pg_temp.clauses('ALL', 'rls_role() <> ''COMMISSIONER'''));
    end if;
end
$$;

-- USING and/or WITH CHECK, as the command takes them.
create function pg_temp.clauses(command text, predicate text) returns text
    language sql immutable as
$$
select case command
           when 'SELECT' then format('using (%s)', predicate)
           when 'DELETE' then format('using (%s)', predicate)
           when 'INSERT' then format('with check (%s)', predicate)
           else format('using (%s) with check (%s)', predicate, predicate)
       end
$$;

-- ---------------------------------------------------------------------------------------------
-- The tenant tables, one by one.
select pg_temp.protect('areas', null, null, null, null, false);
-- areas are public geography (places, neighbourhoods): any signed-in caller reads them
create policy readable on areas for select using (rls_is_authenticated());
-- (re-created without the carer cap: carers read areas too)
drop policy carer_only_own_rows on areas;

select pg_temp.protect('staff_pools', null, null, 'rls_pool_shared_with_me(id)', array ['SELECT'], false);
create policy commissioner_served on staff_pools for select
    using (rls_role() = 'COMMISSIONER' and rls_pool_shared_with_me(id));

select pg_temp.protect('sharing_agreements', null, null, null, null, false);
create policy commissioner_side on sharing_agreements for select
    using (rls_role() in ('ADMIN', 'COORDINATOR', 'COMMISSIONER') and commissioner_id = rls_organisation_id());

select pg_temp.protect('carers', 'id = rls_carer_id()', array ['SELECT'],
                       'rls_pool_shared_with_me(pool_id)', array ['SELECT'], true);
select pg_temp.protect('carer_skills', 'carer_id = rls_carer_id()', array ['SELECT'],
                       'rls_carer_shared_with_me(carer_id)', array ['SELECT'], true);
select pg_temp.protect('carer_availability', 'carer_id = rls_carer_id()', array ['SELECT'],
                       'rls_carer_shared_with_me(carer_id)', array ['SELECT'], true);
select pg_temp.protect('shifts', 'carer_id = rls_carer_id()', array ['SELECT'],
                       'rls_carer_shared_with_me(carer_id)', array ['SELECT'], true);
select pg_temp.protect('absences', 'carer_id = rls_carer_id()', array ['SELECT'],
                       'rls_carer_shared_with_me(carer_id)', array ['SELECT'], true);

-- app_users: an organisation's users are managed by its ADMIN only; everyone reads their own row.
alter table app_users enable row level security;
alter table app_users force row level security;
create policy platform on app_users using (rls_is_platform()) with check (rls_is_platform());
create policy tenant on app_users
    using (rls_role() = 'ADMIN' and organisation_id = rls_organisation_id())
    with check (rls_role() = 'ADMIN' and organisation_id = rls_organisation_id());
create policy self on app_users for select
    using (rls_is_authenticated() and organisation_id = rls_organisation_id() and lower(username) = lower(rls_user()));
create policy carer_only_own_rows on app_users as restrictive
    using (rls_role() <> 'CARER' or carer_id = rls_carer_id())
    with check (rls_role() <> 'CARER' or carer_id = rls_carer_id());

select pg_temp.protect('service_users', 'rls_carer_serves_service_user(id)', array ['SELECT'], null, null, true);
select pg_temp.protect('service_user_carers', null, null, null, null, true);
select pg_temp.protect('care_packages', null, null, null, null, true);
select pg_temp.protect('visit_templates', null, null, null, null, true);
select pg_temp.protect('visit_template_skills', null, null, null, null, true);
select pg_temp.protect('visits', 'rls_carer_serves_visit(id)', array ['SELECT'], null, null, true);
select pg_temp.protect('visit_required_skills', 'rls_carer_serves_visit(visit_id)', array ['SELECT'], null, null, true);

select pg_temp.protect('plans', null, null, null, null, true);
select pg_temp.protect('published_plan_days', null, null, null, null, true);
select pg_temp.protect('plan_routes', 'carer_id = rls_carer_id() and rls_published(plan_id, service_date)',
                       array ['SELECT'], null, null, true);
select pg_temp.protect('assignments', 'carer_id = rls_carer_id() and rls_published(plan_id, service_date)',
                       array ['SELECT'], null, null, true);
select pg_temp.protect('unassigned_visits', null, null, null, null, true);

select pg_temp.protect('devices', 'carer_id = rls_carer_id()', array ['SELECT', 'INSERT', 'UPDATE'],
                       'rls_carer_shared_with_me(carer_id)', array ['SELECT'], true);
-- visit events: a carer records their own (the visit may have been re-assigned meanwhile: the
-- ingest flags that, it is not refused here)
select pg_temp.protect('visit_events', 'carer_id = rls_carer_id()', array ['SELECT', 'INSERT'],
                       null, null, true);
select pg_temp.protect('quarantined_events', 'carer_id = rls_carer_id()', array ['SELECT', 'INSERT'],
                       null, null, true);
-- the change feed belongs to the carer's organisation; a coordinator publishing a rota that uses
-- a shared carer writes to that carer's feed (the insert trigger upserts the feed head)
select pg_temp.protect('carer_feed_heads', 'carer_id = rls_carer_id()', array ['SELECT'],
                       'rls_carer_shared_with_me(carer_id)', array ['SELECT', 'INSERT', 'UPDATE'], true);
select pg_temp.protect('change_feed', 'carer_id = rls_carer_id()', array ['SELECT'],
                       'rls_carer_shared_with_me(carer_id)', array ['SELECT', 'INSERT'], true);
select pg_temp.protect('device_read_receipts', 'carer_id = rls_carer_id()', array ['SELECT', 'INSERT', 'UPDATE'],
                       'rls_carer_shared_with_me(carer_id)', array ['SELECT'], true);
select pg_temp.protect('calendar_feed_tokens', 'carer_id = rls_carer_id()', array ['SELECT', 'INSERT', 'UPDATE'],
                       null, null, true);

select pg_temp.protect('solver_jobs', null, null, null, null, true);

-- audit_events: anyone signed in appends records of what they did (as themselves, in their own
-- organisation); an organisation's ADMIN reads its records. Insert-only by grant and trigger.
alter table audit_events enable row level security;
alter table audit_events force row level security;
create policy platform on audit_events using (rls_is_platform()) with check (rls_is_platform());
create policy append on audit_events for insert
    with check (rls_is_authenticated()
        and organisation_id = rls_organisation_id()
        and actor_username = rls_user()
        and actor_role = rls_role());
create policy review on audit_events for select
    using (rls_role() = 'ADMIN' and organisation_id = rls_organisation_id());

-- organisations: the tenant root, filtered on id. Everyone reads their own organisation; staff
-- and commissioners also read their partners by sharing agreement; ADMIN and COORDINATOR edit
-- their own (settings); only the platform creates or deletes organisations.
alter table organisations enable row level security;
alter table organisations force row level security;
create policy platform on organisations using (rls_is_platform()) with check (rls_is_platform());
create policy own on organisations for select using (rls_is_authenticated() and id = rls_organisation_id());
create policy tenant on organisations for update
    using (rls_is_staff() and id = rls_organisation_id())
    with check (rls_is_staff() and id = rls_organisation_id());
create policy partners on organisations for select
    using (rls_role() in ('ADMIN', 'COORDINATOR', 'COMMISSIONER') and rls_organisation_related(id));
create policy carer_only_own_rows on organisations as restrictive
    using (rls_role() <> 'CARER' or id = rls_organisation_id())
    with check (rls_role() <> 'CARER' or id = rls_organisation_id());

-- skills: one shared catalogue (no organisation). Everyone signed in reads it; staff add and edit
-- skills; only the platform deletes them.
alter table skills enable row level security;
alter table skills force row level security;
create policy platform on skills using (rls_is_platform()) with check (rls_is_platform());
create policy readable on skills for select using (rls_is_authenticated());
create policy staff_insert on skills for insert with check (rls_is_staff());
create policy staff_update on skills for update using (rls_is_staff()) with check (rls_is_staff());

-- ---------------------------------------------------------------------------------------------
-- Any other table (one a migration before this added without a line above): tenant tables get
-- the standard policies (carers see rows with their carer_id, if the table has one; commissioners
-- none); tables without an organisation are readable by everyone signed in and written by the
-- platform only. Nothing is left without row-level security.
do
$$
declare
    t record;
begin
    for t in select c.oid::regclass as tbl,
                    exists (select
                            from pg_attribute a
                            where a.attrelid = c.oid and a.attname = 'organisation_id' and not a.attisdropped) as tenant,
                    exists (select
                            from pg_attribute a
                            where a.attrelid = c.oid and a.attname = 'carer_id' and not a.attisdropped) as has_carer
             from pg_class c
                      join pg_namespace n on n.oid = c.relnamespace
             where n.nspname = 'public'
               and c.relkind in ('r', 'p')
               and not c.relrowsecurity
               and c.relname <> 'flyway_schema_history'
        loop
            if t.tenant then
                perform pg_temp.protect(t.tbl, case when t.has_carer then 'carer_id = rls_carer_id()' end,
                                        array ['SELECT'], null, null, true);
            else
                execute format('alter table %s enable row level security', t.tbl);
                execute format('alter table %s force row level security', t.tbl);
                execute format('create policy platform on %s using (rls_is_platform()) with check (rls_is_platform())', t.tbl);
                execute format('create policy readable on %s for select using (rls_is_authenticated())', t.tbl);
            end if;
        end loop;
end
$$;

-- ---------------------------------------------------------------------------------------------
-- Privileges: only what the application needs. Nothing on Flyway's history; no TRUNCATE,
-- REFERENCES or TRIGGER anywhere; insert-only tables get INSERT and SELECT only.
grant usage on schema public to carerota_app;
revoke create on schema public from carerota_app;

do
$$
declare
    t record;
begin
    for t in select c.oid::regclass as tbl, c.relkind as kind
             from pg_class c
                      join pg_namespace n on n.oid = c.relnamespace
             where n.nspname = 'public'
               and c.relkind in ('r', 'p', 'v')
               and c.relname <> 'flyway_schema_history'
        loop
            if t.kind = 'v' then
                execute format('grant select on %s to carerota_app', t.tbl);
            else
                execute format('grant select, insert, update, delete on %s to carerota_app', t.tbl);
            end if;
        end loop;
end
$$;

revoke update, delete on visit_events, audit_events from carerota_app;
-- the change feed is never updated (rows may be pruned: delete stays)
revoke update on change_feed from carerota_app;

grant usage on all sequences in schema public to carerota_app;
-- views and tables added by later migrations (including the repeatable R__ views, which run after
-- every versioned migration) are readable; each migration grants writes explicitly. Row-level
-- security still applies: RowLevelSecurityIntegrationTests fails on a table without it.
alter default privileges in schema public grant select on tables to carerota_app;
alter default privileges in schema public grant usage on sequences to carerota_app;
