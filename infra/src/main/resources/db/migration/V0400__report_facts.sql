-- Report facts (issue 8): the capacity reports read small per-day facts instead of joining every
-- visit, assignment and check-in/out event of the period. The facts are a cache derived from the
-- tables below, computed one Europe/London day at a time by reporting.refresh (R__reports.sql);
-- a day is recomputed before a report reads it when anything it came from has changed since, so a
-- report always equals what the base tables say.
--
-- Schema "reporting", not public: the facts hold person-level keys and must never be readable by
-- the application role, which has no USAGE on the schema; only the report functions (SECURITY
-- DEFINER, owned by the schema owner) reach them. They are derived, never synced or edited: no
-- id/version/change_seq (api/README.md, "Reports", says why this differs from the convention).

create schema reporting;
revoke all on schema reporting from public;

-- What changed: a range of days (single days are from_day = to_day; open-ended ranges use
-- +/-infinity) whose facts are stale. Statement-level triggers append one row per statement and
-- day (or range): append-only, no unique key, so writers never wait for each other or for a
-- refresh. A refresh deletes the marks it has seen (marks committed later survive it).
create table reporting.stale_days
(
    from_day date not null,
    to_day   date not null,
    marked_at timestamptz not null default now()
);
create index stale_days_from_day_to_day_idx on reporting.stale_days (from_day, to_day);

-- Which days have facts (a day never computed is stale).
create table reporting.fact_days
(
    day          date primary key,
    refreshed_at timestamptz not null default now()
);

-- Care sums: per day and (organisation, leaf area, commissioner, care sector) — the keys the
-- reports group and scope by. pool_id null: every figure of the day, plus the figures that have no
-- pool (commissioned, unmet need); pool_id set: the figures that belong to a pool (planned and
-- delivered hours by the carer's pool, visit outcomes by the pool of the visit's first-slot
-- carer), read only when a report groups by POOL.
create table reporting.care_sums
(
    day                date    not null,
    organisation_id    uuid    not null,
    area_id            uuid    not null,
    commissioner_id    uuid    not null,
    sector             text    not null,
    pool_id            uuid,
    commissioned_hours numeric not null,
    planned_hours      numeric not null,
    planned_visits     integer not null,
    unassigned_hours   numeric not null,
    unassigned_slots   integer not null,
    -- unassigned slots per reason ("UNKNOWN" = none given): {"NO_CAPACITY": 3, ...}
    reasons            jsonb   not null,
    delivered_hours    numeric not null,
    outcome_visits     integer not null,
    checked_in_visits  integer not null,
    late_visits        integer not null,
    unchecked_visits   integer not null,
    short_visits       integer not null,
    undelivered_hours  numeric not null
);
create index care_sums_day_idx on reporting.care_sums (day);

-- Care people: the same keys per person, for the counts of distinct people and for continuity.
-- flags: 1 commissioned, 2 planned, 4 unmet need, 8 delivered, 16 planned but not delivered;
-- carers: the distinct carers of the person-day (pool_id null rows only).
create table reporting.care_people
(
    day             date     not null,
    organisation_id uuid     not null,
    area_id         uuid     not null,
    commissioner_id uuid     not null,
    sector          text     not null,
    pool_id         uuid,
    person          uuid     not null,
    flags           smallint not null,
    carers          uuid[]
);
create index care_people_day_idx on reporting.care_people (day);

-- Work facts: per day, carer and (organisation, leaf area, commissioner, care sector) of the care:
-- planned hours and the travel (minutes) before those visits, with the carer's pool and its sector.
create table reporting.work_facts
(
    day             date    not null,
    organisation_id uuid    not null,
    area_id         uuid    not null,
    carer_id        uuid    not null,
    commissioner_id uuid    not null,
    sector          text    not null,
    pool_id         uuid    not null,
    pool_sector     text    not null,
    hours           numeric not null,
    travel_minutes  numeric not null
);
create index work_facts_day_idx on reporting.work_facts (day);

-- Carer days: per day and carer (organisation = the carer's): shifts starting that day and their
-- absence, and the published routes of the day (the areas of their plans, travel home at the end).
create table reporting.carer_days
(
    day                    date    not null,
    carer_id               uuid    not null,
    organisation_id        uuid    not null,
    pool_id                uuid    not null,
    pool_sector            text    not null,
    shifts                 integer not null,
    shift_hours            numeric not null,
    absence_hours          numeric not null,
    route_areas            uuid[]  not null,
    route_end_travel_hours numeric not null
);
create index carer_days_day_idx on reporting.carer_days (day);

-- ---------------------------------------------------------------------------------------------
-- Marking. Each trigger is statement-level with transition tables: one insert of the distinct
-- days a statement touched, however many rows it wrote. SECURITY DEFINER so that the application
-- role needs no access to reporting.

-- Tables with a service_date (assignments, unassigned_visits, plan_routes, published_plan_days,
-- visits): the days of the new rows, of the old rows, or of both.
create function reporting.mark_new_service_dates() returns trigger
    language plpgsql security definer
    set search_path = public, pg_temp as
$$
begin
    insert into reporting.stale_days (from_day, to_day)
    select distinct n.service_date, n.service_date from new_rows n;
    return null;
end
$$;

create function reporting.mark_old_service_dates() returns trigger
    language plpgsql security definer
    set search_path = public, pg_temp as
$$
begin
    insert into reporting.stale_days (from_day, to_day)
    select distinct o.service_date, o.service_date from old_rows o;
    return null;
end
$$;

create function reporting.mark_changed_service_dates() returns trigger
    language plpgsql security definer
    set search_path = public, pg_temp as
$$
begin
    insert into reporting.stale_days (from_day, to_day)
    select d, d from (select n.service_date as d from new_rows n union select o.service_date from old_rows o) x;
    return null;
end
$$;

do
$$
    declare
        tbl text;
    begin
        foreach tbl in array array ['visits', 'assignments', 'unassigned_visits', 'plan_routes', 'published_plan_days']
            loop
                execute format('create trigger %1$s_report_insert after insert on %1$s referencing new table as new_rows'
                                   || ' for each statement execute function reporting.mark_new_service_dates()', tbl);
                execute format('create trigger %1$s_report_update after update on %1$s'
                                   || ' referencing old table as old_rows new table as new_rows'
                                   || ' for each statement execute function reporting.mark_changed_service_dates()', tbl);
                execute format('create trigger %1$s_report_delete after delete on %1$s referencing old table as old_rows'
                                   || ' for each statement execute function reporting.mark_old_service_dates()', tbl);
            end loop;
    end
$$;

-- Check-in/out events (insert-only): the day of each event's visit. The sync push path: one
-- indexed lookup per distinct visit and one small insert per statement.
create function reporting.mark_event_days() returns trigger
    language plpgsql security definer
    set search_path = public, pg_temp
    set carerota.role = 'SYSTEM' as
$$
begin
    insert into reporting.stale_days (from_day, to_day)
    select distinct v.service_date, v.service_date
    from visits v
    where v.id in (select n.visit_id from new_rows n where n.kind in ('CHECK_IN', 'CHECK_OUT'));
    return null;
end
$$;

create trigger visit_events_report_insert
    after insert on visit_events
    referencing new table as new_rows
    for each statement
execute function reporting.mark_event_days();

-- Shifts count on the Europe/London day they start.
create function reporting.mark_shift_days() returns trigger
    language plpgsql security definer
    set search_path = public, pg_temp as
$$
begin
    if tg_op in ('INSERT', 'UPDATE') then
        insert into reporting.stale_days (from_day, to_day)
        select distinct d, d from (select (n.starts_at at time zone 'Europe/London')::date as d from new_rows n) x;
    end if;
    if tg_op in ('DELETE', 'UPDATE') then
        insert into reporting.stale_days (from_day, to_day)
        select distinct d, d from (select (o.starts_at at time zone 'Europe/London')::date as d from old_rows o) x;
    end if;
    return null;
end
$$;

-- Absences: every day a shift overlapping them may start (from the day before).
create function reporting.mark_absence_days() returns trigger
    language plpgsql security definer
    set search_path = public, pg_temp as
$$
begin
    if tg_op in ('INSERT', 'UPDATE') then
        insert into reporting.stale_days (from_day, to_day)
        select (n.starts_at at time zone 'Europe/London')::date - 1, (n.ends_at at time zone 'Europe/London')::date
        from new_rows n;
    end if;
    if tg_op in ('DELETE', 'UPDATE') then
        insert into reporting.stale_days (from_day, to_day)
        select (o.starts_at at time zone 'Europe/London')::date - 1, (o.ends_at at time zone 'Europe/London')::date
        from old_rows o;
    end if;
    return null;
end
$$;

-- Care packages: the days they cover (commissioned hours, lateness tolerance).
create function reporting.mark_package_days() returns trigger
    language plpgsql security definer
    set search_path = public, pg_temp as
$$
begin
    if tg_op in ('INSERT', 'UPDATE') then
        insert into reporting.stale_days (from_day, to_day)
        select n.starts_on, coalesce(n.ends_on, 'infinity') from new_rows n;
    end if;
    if tg_op in ('DELETE', 'UPDATE') then
        insert into reporting.stale_days (from_day, to_day)
        select o.starts_on, coalesce(o.ends_on, 'infinity') from old_rows o;
    end if;
    return null;
end
$$;

-- Visit templates: the days they are valid.
create function reporting.mark_template_days() returns trigger
    language plpgsql security definer
    set search_path = public, pg_temp as
$$
begin
    if tg_op in ('INSERT', 'UPDATE') then
        insert into reporting.stale_days (from_day, to_day)
        select coalesce(n.valid_from, '-infinity'), coalesce(n.valid_to, 'infinity') from new_rows n;
    end if;
    if tg_op in ('DELETE', 'UPDATE') then
        insert into reporting.stale_days (from_day, to_day)
        select coalesce(o.valid_from, '-infinity'), coalesce(o.valid_to, 'infinity') from old_rows o;
    end if;
    return null;
end
$$;

-- Rare changes that move a report key of every day: a person's area, a carer's pool or
-- organisation, a pool's sector, an organisation's kind (the sector of the care it commissions).
create function reporting.mark_all_days() returns trigger
    language plpgsql security definer
    set search_path = public, pg_temp as
$$
begin
    insert into reporting.stale_days (from_day, to_day) values ('-infinity', 'infinity');
    return null;
end
$$;

do
$$
    declare
        spec text[];
    begin
        foreach spec slice 1 in array array [['shifts', 'mark_shift_days'], ['absences', 'mark_absence_days'],
            ['care_packages', 'mark_package_days'], ['visit_templates', 'mark_template_days']]
            loop
                execute format('create trigger %1$s_report_insert after insert on %1$s referencing new table as new_rows'
                                   || ' for each statement execute function reporting.%2$s()', spec[1], spec[2]);
                execute format('create trigger %1$s_report_update after update on %1$s'
                                   || ' referencing old table as old_rows new table as new_rows'
                                   || ' for each statement execute function reporting.%2$s()', spec[1], spec[2]);
                execute format('create trigger %1$s_report_delete after delete on %1$s referencing old table as old_rows'
                                   || ' for each statement execute function reporting.%2$s()', spec[1], spec[2]);
            end loop;
    end
$$;

-- TRUNCATE (tests, operators): everything.
do
$$
    declare
        tbl text;
    begin
        foreach tbl in array array ['visits', 'assignments', 'unassigned_visits', 'plan_routes', 'published_plan_days',
            'shifts', 'absences', 'care_packages', 'visit_templates', 'service_users', 'carers', 'staff_pools']
            loop
                execute format('create trigger %1$s_report_truncate after truncate on %1$s'
                                   || ' for each statement execute function reporting.mark_all_days()', tbl);
            end loop;
    end
$$;

create trigger service_users_report_area
    after update of area_id on service_users
    for each row when (old.area_id is distinct from new.area_id)
execute function reporting.mark_all_days();

create trigger carers_report_pool
    after update of pool_id, organisation_id on carers
    for each row when (old.pool_id is distinct from new.pool_id or old.organisation_id is distinct from new.organisation_id)
execute function reporting.mark_all_days();

create trigger staff_pools_report_sector
    after update of sector on staff_pools
    for each row when (old.sector is distinct from new.sector)
execute function reporting.mark_all_days();

create trigger organisations_report_kind
    after update of kind on organisations
    for each row when (old.kind is distinct from new.kind)
execute function reporting.mark_all_days();
