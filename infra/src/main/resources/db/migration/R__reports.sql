-- Capacity reports (issue 8): aggregates computed in SQL from the plan, the published rota and
-- what carers' devices recorded. Repeatable: Flyway re-runs this file whenever it changes.
--
-- Three layers, so that no caller ever reads person-level rows through a report:
--   reports_capacity(...)         what the application calls. SECURITY DEFINER only so that it may
--                                 call the next functions; it reads the caller's settings
--                                 (carerota.role / carerota.organisation_id), decides the scope
--                                 itself and returns aggregates only.
--   reports_capacity_scoped(...)  the report for an explicit scope, run with carerota.role = SYSTEM
--                                 (a function-level SET, restored on return) so that it reads
--                                 across tenants. Not executable by the application role. It sums
--                                 the per-day facts of schema reporting (V0400__report_facts.sql).
--   reports_refresh(from, to)     recomputes the facts of the days in the period that have none
--                                 yet or that triggers on the base tables marked stale
--                                 (reporting.refresh_day), so a report equals its base rows.
-- Disclosure control (small-number suppression, rounding) is applied by the api
-- (org.carerota.api.report.DisclosureControl) to these aggregates for COMMISSIONER callers.
-- Every metric is defined in api/README.md, "Reports".

-- ---------------------------------------------------------------------------------------------
-- May the caller report on the area? (and does their organisation own it or an ancestor of it?)
--   SYSTEM                 any area
--   ADMIN, COORDINATOR     any area (areas are public geography; their report covers only their
--                          own organisation's care)
--   COMMISSIONER           an area their organisation owns (or one below an area it owns), or an
--                          area in which it commissions care
drop function if exists reports_area_access(text, uuid, uuid);
create function reports_area_access(p_role text, p_organisation uuid, p_area uuid)
    returns table (visible boolean, owned boolean)
    language sql stable
    set search_path = public, pg_temp
    set carerota.role = 'SYSTEM' as
$$
with recursive
caller as (select p_role as role, p_organisation as organisation),
up (id, parent_id, organisation_id) as (
    select a.id, a.parent_id, a.organisation_id from areas a where a.id = p_area
    union all
    select a.id, a.parent_id, a.organisation_id from areas a join up on a.id = up.parent_id
),
down (id) as (
    select p_area where exists (select from areas where id = p_area)
    union all
    select a.id from areas a join down on a.parent_id = down.id
),
owned as (select exists (select from up, caller where up.organisation_id = caller.organisation) as owned)
select case
           when not exists (select from down) then false
           when caller.role in ('SYSTEM', 'ADMIN', 'COORDINATOR') then true
           when caller.role = 'COMMISSIONER' then owned.owned
               or exists (select
                          from care_packages cp
                                   join service_users su on su.id = cp.service_user_id
                          where cp.commissioner_id = caller.organisation
                            and su.area_id in (select id from down))
               or exists (select
                          from visits v
                          where v.commissioner_id = caller.organisation
                            and v.area_id in (select id from down))
           else false
       end,
       owned.owned
from caller, owned
$$;

revoke all on function reports_area_access(text, uuid, uuid) from public;

-- Whether the caller (carerota.role / carerota.organisation_id) may report on the area.
drop function if exists reports_area_visible(uuid);
create function reports_area_visible(p_area uuid) returns boolean
    language sql stable security definer
    set search_path = public, pg_temp as
$$
select coalesce((select visible from reports_area_access(rls_role(), rls_organisation_id(), p_area)), false)
$$;

-- ---------------------------------------------------------------------------------------------
-- The result row of the capacity report, declared once for both functions below. The application
-- reads the columns by name (api ReportRepository); every figure is defined in api/README.md.
drop function if exists reports_capacity(uuid, date, date, text[], date);
drop function if exists reports_capacity_scoped(text, uuid, boolean, uuid, date, date, text[], date);
drop type if exists reports_capacity_row;
create type reports_capacity_row as
(
    area_id                     uuid,
    area_name                   text,
    week                        date,
    day                         date,
    sector                      text,
    commissioner_id             uuid,
    commissioner_name           text,
    pool_id                     uuid,
    pool_name                   text,
    commissioned_hours          numeric,
    commissioned_people         bigint,
    planned_hours               numeric,
    planned_people              bigint,
    planned_visits              bigint,
    carers_rostered             bigint,
    unassigned_hours            numeric,
    unassigned_slots            bigint,
    unassigned_people           bigint,
    delivered_hours             numeric,
    delivered_people            bigint,
    not_delivered_hours         numeric,
    not_delivered_people        bigint,
    due_visits                  bigint,
    checked_in_visits           bigint,
    late_visits                 bigint,
    missed_visits               bigint,
    short_visits                bigint,
    shift_hours                 numeric,
    absence_hours               numeric,
    used_hours                  numeric,
    travel_hours                numeric,
    workforce_carers            bigint,
    continuity_sum              numeric,
    continuity_units            bigint,
    continuity_people           bigint,
    health_on_social_care_hours numeric,
    social_care_on_health_hours numeric,
    cross_pool_carers           bigint,
    leading_reasons             jsonb,
    cross_pool_flows            jsonb
);

-- ---------------------------------------------------------------------------------------------
-- Facts (V0400__report_facts.sql): one Europe/London day recomputed from the base tables, for
-- every organisation and area. Exactly the definitions of api/README.md, "Metric definitions",
-- stopped at the finest keys a report groups by (person or carer, leaf area, day, commissioner,
-- sector, pool), so that a report only sums them.
-- Concatenates arrays (the carers of a person's days, for continuity).
drop aggregate if exists reporting.uuid_cat(uuid[]);
create aggregate reporting.uuid_cat(uuid[]) (sfunc = array_cat, stype = uuid[]);

drop function if exists reporting.refresh_day(date);
create function reporting.refresh_day(p_day date) returns void
    language plpgsql volatile security definer
    set search_path = public, pg_temp
    set carerota.role = 'SYSTEM'
    set work_mem = '64MB'
    set jit = off as
$fn$
begin
    delete from reporting.care_sums where day = p_day;
    delete from reporting.care_people where day = p_day;
    delete from reporting.work_facts where day = p_day;
    delete from reporting.carer_days where day = p_day;

    with v as materialized (
        -- the day's visits (not cancelled); sector = the sector of the care, from its commissioner
        select v.id, v.organisation_id, v.service_user_id as person, v.commissioner_id, v.template_id,
               v.duration_minutes, v.carers_required, v.window_end, v.area_id,
               case when o.kind in ('ICB', 'NHS_TRUST') then 'HEALTH' else 'SOCIAL_CARE' end as sector,
               coalesce(cp.lateness_tolerance_minutes, 15) as tolerance
        from visits v
                 join organisations o on o.id = v.commissioner_id
                 left join care_packages cp on cp.id = v.care_package_id
        where v.service_date = p_day
          and v.status <> 'CANCELLED'
    ),
    -- planned: the published rota's assignments (one per carer slot)
    a as materialized (
        select a.visit_id, a.carer_id, a.slot_index, extract(epoch from a.end_at - a.start_at) / 3600.0 as hours,
               a.travel_minutes_before, c.pool_id, p.sector as pool_sector,
               v.organisation_id, v.area_id, v.person, v.commissioner_id, v.sector
        from assignments a
                 join published_plan_days d on d.plan_id = a.plan_id and d.service_date = a.service_date
                 join v on v.id = a.visit_id
                 join carers c on c.id = a.carer_id
                 join staff_pools p on p.id = c.pool_id
        where a.service_date = p_day
    ),
    -- delivered: per visit and carer, the first check-in and the last check-out (device time)
    pairs as materialized (
        select e.visit_id, e.carer_id,
               min(e.device_time) filter (where e.kind = 'CHECK_IN') as checked_in,
               max(e.device_time) filter (where e.kind = 'CHECK_OUT') as checked_out
        from visit_events e
                 join v on v.id = e.visit_id
        where e.kind in ('CHECK_IN', 'CHECK_OUT')
        group by e.visit_id, e.carer_id
    ),
    work as (
        insert into reporting.work_facts (day, organisation_id, area_id, carer_id, commissioner_id, sector, pool_id,
                                          pool_sector, hours, travel_minutes)
        select p_day, a.organisation_id, a.area_id, a.carer_id, a.commissioner_id, a.sector, a.pool_id, a.pool_sector,
               sum(a.hours), sum(a.travel_minutes_before)
        from a
        group by a.organisation_id, a.area_id, a.carer_id, a.commissioner_id, a.sector, a.pool_id, a.pool_sector
    ),
    -- each planned visit: its hours, the pool of its first-slot carer, its outcome
    outcome as (
        select v.organisation_id, v.area_id, v.person, v.commissioner_id, v.sector, pv.lead_pool,
               pv.hours as planned_hours,
               e.first_check_in is not null as checked_in,
               coalesce(e.first_check_in > v.window_end + make_interval(mins => v.tolerance), false) as late,
               e.first_check_in is null as unchecked,
               coalesce(v.duration_minutes >= 30 and e.longest_hours < 0.5, false) as short,
               e.longest_hours is null as undelivered
        from v
                 join (select a.visit_id, sum(a.hours) as hours,
                              (array_agg(a.pool_id order by a.slot_index))[1] as lead_pool
                       from a
                       group by a.visit_id) pv on pv.visit_id = v.id
                 left join (select p.visit_id, min(p.checked_in) as first_check_in,
                                   max(extract(epoch from p.checked_out - p.checked_in) / 3600.0)
                                   filter (where p.checked_out > p.checked_in) as longest_hours
                            from pairs p
                            group by p.visit_id) e on e.visit_id = v.id
    ),
    -- unmet need: the published rota's unassigned visit slots
    u as materialized (
        select v.organisation_id, v.area_id, v.person, v.commissioner_id, v.sector, v.duration_minutes / 60.0 as hours,
               u.reasons
        from unassigned_visits u
                 join published_plan_days d on d.plan_id = u.plan_id and d.service_date = u.service_date
                 join v on v.id = u.visit_id
        where u.service_date = p_day
    ),
    contrib (organisation_id, area_id, person, commissioner_id, sector, pool_id, commissioned_hours, commissioned_items,
             planned_hours, planned_visits, unassigned_hours, unassigned_slots, delivered_hours, delivered_pairs,
             outcome_visits, checked_in_visits, late_visits, unchecked_visits, short_visits, undelivered_hours,
             carers) as materialized (
        -- commissioned: the templates of the care packages running on the day (ISO days of week,
        -- every_weeks counted from the package's first week, package and template validity), in
        -- carer hours; plus one-off visits (no template)
        select cm.organisation_id, cm.area_id, cm.person, cm.commissioner_id, cm.sector, null::uuid,
               sum(cm.hours), count(*)::int, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null::uuid[]
        from (select cp.organisation_id, su.area_id, cp.service_user_id as person, cp.commissioner_id,
                     case when o.kind in ('ICB', 'NHS_TRUST') then 'HEALTH' else 'SOCIAL_CARE' end as sector,
                     vt.duration_minutes * vt.carers_required / 60.0 as hours
              from care_packages cp
                       join service_users su on su.id = cp.service_user_id
                       join organisations o on o.id = cp.commissioner_id
                       join visit_templates vt on vt.care_package_id = cp.id
              where cp.starts_on <= p_day
                and (cp.ends_on is null or cp.ends_on >= p_day)
                and (vt.valid_from is null or vt.valid_from <= p_day)
                and (vt.valid_to is null or vt.valid_to >= p_day)
                and extract(isodow from p_day)::smallint = any (vt.days_of_week)
                and ((p_day - extract(isodow from p_day)::int) - (cp.starts_on - extract(isodow from cp.starts_on)::int))
                        / 7 % vt.every_weeks = 0
                and (cp.archived_at is null or (cp.archived_at at time zone 'Europe/London')::date > p_day)
              union all
              select v.organisation_id, v.area_id, v.person, v.commissioner_id, v.sector,
                     v.duration_minutes * v.carers_required / 60.0
              from v
              where v.template_id is null) cm
        group by cm.organisation_id, cm.area_id, cm.person, cm.commissioner_id, cm.sector
        union all
        -- planned: all pools together (with the carers, for continuity) and each pool
        select a.organisation_id, a.area_id, a.person, a.commissioner_id, a.sector, a.pool_id,
               0, 0, sum(a.hours), count(distinct a.visit_id)::int, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
               case when grouping(a.pool_id) = 1 then array_agg(distinct a.carer_id) end
        from a
        group by grouping sets ((a.organisation_id, a.area_id, a.person, a.commissioner_id, a.sector),
                                (a.organisation_id, a.area_id, a.person, a.commissioner_id, a.sector, a.pool_id))
        union all
        select u.organisation_id, u.area_id, u.person, u.commissioner_id, u.sector, null,
               0, 0, 0, 0, sum(u.hours), count(*)::int, 0, 0, 0, 0, 0, 0, 0, 0, null
        from u
        group by u.organisation_id, u.area_id, u.person, u.commissioner_id, u.sector
        union all
        -- delivered, by the pool of the carer who checked in and out
        select v.organisation_id, v.area_id, v.person, v.commissioner_id, v.sector, c.pool_id,
               0, 0, 0, 0, 0, 0, sum(extract(epoch from p.checked_out - p.checked_in) / 3600.0), count(*)::int,
               0, 0, 0, 0, 0, 0, null
        from pairs p
                 join carers c on c.id = p.carer_id
                 join v on v.id = p.visit_id
        where p.checked_in is not null
          and p.checked_out > p.checked_in
        group by grouping sets ((v.organisation_id, v.area_id, v.person, v.commissioner_id, v.sector),
                                (v.organisation_id, v.area_id, v.person, v.commissioner_id, v.sector, c.pool_id))
        union all
        -- outcomes of planned visits, by the pool of the first-slot carer
        select o.organisation_id, o.area_id, o.person, o.commissioner_id, o.sector, o.lead_pool,
               0, 0, 0, 0, 0, 0, 0, 0,
               count(*)::int, (count(*) filter (where o.checked_in))::int, (count(*) filter (where o.late))::int,
               (count(*) filter (where o.unchecked))::int, (count(*) filter (where o.short))::int,
               coalesce(sum(o.planned_hours) filter (where o.undelivered), 0), null
        from outcome o
        group by grouping sets ((o.organisation_id, o.area_id, o.person, o.commissioner_id, o.sector),
                                (o.organisation_id, o.area_id, o.person, o.commissioner_id, o.sector, o.lead_pool))
    ),
    people as (
        insert into reporting.care_people (day, organisation_id, area_id, commissioner_id, sector, pool_id, person, flags,
                                           carers)
        select p_day, c.organisation_id, c.area_id, c.commissioner_id, c.sector, c.pool_id, c.person,
               (case when sum(c.commissioned_items) > 0 then 1 else 0 end
                   + case when sum(c.planned_visits) > 0 then 2 else 0 end
                   + case when sum(c.unassigned_slots) > 0 then 4 else 0 end
                   + case when sum(c.delivered_pairs) > 0 then 8 else 0 end
                   + case when sum(c.undelivered_hours) > 0 then 16 else 0 end)::smallint,
               max(c.carers)
        from contrib c
        group by c.organisation_id, c.area_id, c.commissioner_id, c.sector, c.pool_id, c.person
    ),
    reasons as (
        select x.organisation_id, x.area_id, x.commissioner_id, x.sector, jsonb_object_agg(x.reason, x.slots) as reasons
        from (select u.organisation_id, u.area_id, u.commissioner_id, u.sector, coalesce(r.reason, 'UNKNOWN') as reason,
                     count(*) as slots
              from u
                       left join lateral unnest(case when cardinality(u.reasons) = 0 then array [null::text] else u.reasons end)
                  r(reason) on true
              group by 1, 2, 3, 4, 5) x
        group by 1, 2, 3, 4
    )
    insert into reporting.care_sums (day, organisation_id, area_id, commissioner_id, sector, pool_id, commissioned_hours,
                                     planned_hours, planned_visits, unassigned_hours, unassigned_slots, reasons,
                                     delivered_hours, outcome_visits, checked_in_visits, late_visits, unchecked_visits,
                                     short_visits, undelivered_hours)
    select p_day, s.organisation_id, s.area_id, s.commissioner_id, s.sector, s.pool_id, s.commissioned_hours,
           s.planned_hours, s.planned_visits, s.unassigned_hours, s.unassigned_slots,
           case when s.pool_id is null then coalesce(r.reasons, '{}') else '{}' end, s.delivered_hours, s.outcome_visits,
           s.checked_in_visits, s.late_visits, s.unchecked_visits, s.short_visits, s.undelivered_hours
    from (select c.organisation_id, c.area_id, c.commissioner_id, c.sector, c.pool_id,
                 sum(c.commissioned_hours) as commissioned_hours, sum(c.planned_hours) as planned_hours,
                 sum(c.planned_visits)::int as planned_visits, sum(c.unassigned_hours) as unassigned_hours,
                 sum(c.unassigned_slots)::int as unassigned_slots, sum(c.delivered_hours) as delivered_hours,
                 sum(c.outcome_visits)::int as outcome_visits, sum(c.checked_in_visits)::int as checked_in_visits,
                 sum(c.late_visits)::int as late_visits, sum(c.unchecked_visits)::int as unchecked_visits,
                 sum(c.short_visits)::int as short_visits, sum(c.undelivered_hours) as undelivered_hours
          from contrib c
          group by c.organisation_id, c.area_id, c.commissioner_id, c.sector, c.pool_id) s
             left join reasons r on r.organisation_id = s.organisation_id and r.area_id = s.area_id
        and r.commissioner_id = s.commissioner_id and r.sector = s.sector;

    -- carers' days: shifts starting on the day (absence capped at each shift) and published routes
    insert into reporting.carer_days (day, carer_id, organisation_id, pool_id, pool_sector, shifts, shift_hours,
                                      absence_hours, route_areas, route_end_travel_hours)
    with sh as (
        select s.carer_id, count(*) as shifts,
               sum(extract(epoch from s.ends_at - s.starts_at)) / 3600.0 as shift_hours,
               sum(least(extract(epoch from s.ends_at - s.starts_at),
                         coalesce((select sum(extract(epoch from least(s.ends_at, ab.ends_at) - greatest(s.starts_at, ab.starts_at)))
                                   from absences ab
                                   where ab.carer_id = s.carer_id
                                     and ab.starts_at < s.ends_at
                                     and ab.ends_at > s.starts_at), 0))) / 3600.0 as absence_hours
        from shifts s
        where s.starts_at >= (p_day::timestamp at time zone 'Europe/London')
          and s.starts_at < ((p_day + 1)::timestamp at time zone 'Europe/London')
        group by s.carer_id
    ),
    rt as (
        select r.carer_id, array_agg(distinct d.area_id) as route_areas,
               sum(coalesce(r.travel_minutes_to_end, 0)) / 60.0 as travel_hours
        from plan_routes r
                 join published_plan_days d on d.plan_id = r.plan_id and d.service_date = r.service_date
        where r.service_date = p_day
        group by r.carer_id
    )
    select p_day, c.id, c.organisation_id, c.pool_id, sp.sector, coalesce(sh.shifts, 0), coalesce(sh.shift_hours, 0),
           coalesce(sh.absence_hours, 0), coalesce(rt.route_areas, '{}'), coalesce(rt.travel_hours, 0)
    from (select sh.carer_id from sh union select rt.carer_id from rt) k
             join carers c on c.id = k.carer_id
             join staff_pools sp on sp.id = c.pool_id
             left join sh on sh.carer_id = k.carer_id
             left join rt on rt.carer_id = k.carer_id;

    insert into reporting.fact_days (day, refreshed_at, refreshed_seq)
    values (p_day, now(), nextval('reporting.refresh_seq'))
    on conflict (day) do update set refreshed_at = excluded.refreshed_at, refreshed_seq = excluded.refreshed_seq;
end
$fn$;

revoke all on function reporting.refresh_day(date) from public;

-- The whole ISO weeks (their Mondays) of p_from..p_to whose week rows are missing or older than
-- one of their days.
drop function if exists reporting.stale_weeks(date, date);
create function reporting.stale_weeks(p_from date, p_to date) returns setof date
    language sql stable
    set search_path = public, pg_temp as
$$
select g::date
from generate_series((p_from + (7 - extract(isodow from p_from)::int + 1) % 7)::timestamp,
                     (p_to - 6)::timestamp, interval '7 days') g
where not exists (select from reporting.fact_weeks fw
                  where fw.week = g::date
                    and not exists (select from reporting.fact_days d
                                    where d.day between fw.week and fw.week + 6
                                      and d.refreshed_seq > fw.computed_seq))
$$;

revoke all on function reporting.stale_weeks(date, date) from public;

-- The week rows (care_people_weeks) of every whole ISO week in p_from..p_to whose days were
-- recomputed since the week was (or that has none yet). Called by reports_refresh, under its lock,
-- once every day of the period has facts.
drop function if exists reporting.refresh_weeks(date, date);
create function reporting.refresh_weeks(p_from date, p_to date) returns void
    language plpgsql volatile security definer
    set search_path = public, pg_temp
    set carerota.role = 'SYSTEM'
    set work_mem = '64MB'
    set jit = off as
$fn$
declare
    w date;
begin
    for w in select reporting.stale_weeks(p_from, p_to)
        loop
            delete from reporting.care_people_weeks where week = w;
            insert into reporting.care_people_weeks (week, organisation_id, area_id, commissioner_id, sector, pool_id,
                                                     person, flags, carers)
            select w, x.organisation_id, x.area_id, x.commissioner_id, x.sector, x.pool_id, x.person, x.flags,
                   case when x.carers is not null then array(select distinct c from unnest(x.carers) c) end
            from (select p.organisation_id, p.area_id, p.commissioner_id, p.sector, p.pool_id, p.person,
                         bit_or(p.flags) as flags, reporting.uuid_cat(p.carers) as carers
                  from reporting.care_people p
                  where p.day between w and w + 6
                  group by p.organisation_id, p.area_id, p.commissioner_id, p.sector, p.pool_id, p.person) x;
            insert into reporting.fact_weeks (week, computed_seq)
            values (w, nextval('reporting.refresh_seq'))
            on conflict (week) do update set computed_seq = excluded.computed_seq;
        end loop;
end
$fn$;

revoke all on function reporting.refresh_weeks(date, date) from public;

-- Brings the facts of p_from..p_to up to date: recomputes every day that has none yet or that a
-- trigger marked stale, and the whole weeks whose days changed; returns the days recomputed. One
-- refresh at a time (an advisory lock, not taken when there is nothing to do); the marks it
-- consumes are deleted before the days are recomputed, so a change committed while it runs
-- leaves its mark behind and is picked up by the next refresh.
drop function if exists reports_refresh(date, date);
create function reports_refresh(p_from date, p_to date) returns integer
    language plpgsql volatile security definer
    set search_path = public, pg_temp
    set carerota.role = 'SYSTEM' as
$$
declare
    stale date[];
    d     date;
begin
    if p_from is null or p_to is null or p_to < p_from then
        return 0;
    end if;
    -- nothing to do: answer without the lock, so that a report never queues behind a refresh of
    -- other days (a change committed just after this check is after the report, too)
    if not exists (select
                   from generate_series(p_from::timestamp, p_to::timestamp, interval '1 day') g
                   where not exists (select from reporting.fact_days f where f.day = g::date)
                      or exists (select from reporting.stale_days s where s.from_day <= g::date and s.to_day >= g::date))
        and not exists (select from reporting.stale_weeks(p_from, p_to)) then
        return 0;
    end if;
    perform pg_advisory_xact_lock(hashtext('carerota.reporting.refresh'));
    select array_agg(x.day order by x.day)
    into stale
    from (select g::date as day from generate_series(p_from::timestamp, p_to::timestamp, interval '1 day') g) x
    where not exists (select from reporting.fact_days f where f.day = x.day)
       or exists (select from reporting.stale_days s where s.from_day <= x.day and s.to_day >= x.day);
    if stale is null then
        perform reporting.refresh_weeks(p_from, p_to);
        return 0;
    end if;
    with consumed as (
        delete from reporting.stale_days s
            where s.from_day <= p_to and s.to_day >= p_from
            returning s.from_day, s.to_day, s.marked_at)
    insert into reporting.stale_days (from_day, to_day, marked_at)
    select c.from_day, p_from - 1, c.marked_at from consumed c where c.from_day < p_from
    union all
    select p_to + 1, c.to_day, c.marked_at from consumed c where c.to_day > p_to;
    foreach d in array stale
        loop
            perform reporting.refresh_day(d);
        end loop;
    perform reporting.refresh_weeks(p_from, p_to);
    return cardinality(stale);
end
$$;

-- Days with changes not yet in the facts (for the api's background refresher): the marked days
-- that already have facts, up to p_limit of them, most recent first.
drop function if exists reports_stale_days(integer);
create function reports_stale_days(p_limit integer) returns setof date
    language sql stable security definer
    set search_path = public, pg_temp as
$$
select f.day
from reporting.fact_days f
where exists (select from reporting.stale_days s where s.from_day <= f.day and s.to_day >= f.day)
order by f.day desc
limit p_limit
$$;

-- The background refresher's pass: forgets the marks that cover only days without facts (such a
-- day is computed from scratch when first reported on, so they say nothing; without this, pushes
-- for days nobody reports on would pile up marks), then recomputes up to p_limit marked days that
-- have facts, newest first. Returns the days recomputed. Under reports_refresh's lock, so that no
-- refresh is half-way through a day whose marks it deletes.
drop function if exists reports_refresh_stale(integer);
create function reports_refresh_stale(p_limit integer) returns integer
    language plpgsql volatile security definer
    set search_path = public, pg_temp
    set carerota.role = 'SYSTEM' as
$$
declare
    d    date;
    days integer := 0;
begin
    perform pg_advisory_xact_lock(hashtext('carerota.reporting.refresh'));
    delete from reporting.stale_days s
    where not exists (select from reporting.fact_days f where f.day between s.from_day and s.to_day);
    for d in select x from reports_stale_days(p_limit) x
        loop
            days := days + reports_refresh(d, d);
        end loop;
    return days;
end
$$;

-- ---------------------------------------------------------------------------------------------
-- The capacity report for an explicit scope, from the facts (bring them up to date first):
--   p_role SYSTEM          all care in the area
--   p_role COMMISSIONER    care the organisation commissions in the area; all care in the area
--                          when p_owns_area (the organisation owns the area)
--   p_role ADMIN/COORDINATOR  care the organisation provides (visits it owns); its own carers
-- One row per group of p_group_by (AREA = the child of p_area holding the visit, WEEK = ISO week
-- by its Monday, DAY, SECTOR, COMMISSIONER, POOL); an absent grouping is null in every row.
create function reports_capacity_scoped(p_role text, p_organisation uuid, p_owns_area boolean, p_area uuid,
                                        p_from date, p_to date, p_group_by text[], p_as_of date)
    returns setof reports_capacity_row
    language plpgsql stable
    set search_path = public, pg_temp
    set carerota.role = 'SYSTEM'
    -- one large aggregate query over a few hundred thousand fact rows: hash joins and aggregates in
    -- memory (the area tree is a recursive CTE the planner cannot size, and a nested loop over it
    -- rescans the facts per area); JIT compilation costs more than it saves
    set work_mem = '64MB'
    set enable_nestloop = off
    set jit = off as
$fn$
declare
    query text := 'with recursive
-- the area and everything below it, each with the area it is reported under (a child of $4)
tree (id, group_id) as (
    select a.id, a.id from areas a where a.id = $4
    union all
    select c.id, case when t.id = $4 then c.id else t.group_id end
    from areas c join tree t on c.parent_id = t.id
),
-- care sums in scope; "own" = the row carries the pool-attributable figures for this grouping
-- (pool rows when grouped by POOL, the all-pools rows otherwise)
cs as (
    select case when %g_area% then t.group_id end as ka,
           case when %g_week% then f.day - (extract(isodow from f.day)::int - 1) end as kw,
           case when %g_day% then f.day end as kd,
           case when %g_sector% then f.sector end as ks,
           case when %g_commissioner% then f.commissioner_id end as kc,
           case when %g_pool% then f.pool_id end as kp,
           (f.pool_id is not null) = %g_pool% as own, f.day < $8 as due, f.*
    from reporting.care_sums f
             join tree t on t.id = f.area_id
    where f.day between $5 and $6
      and (f.pool_id is null or %g_pool%)
      -- grouped by POOL, an all-pools row adds only what has no pool
      and (f.pool_id is not null or not %g_pool%
        or f.commissioned_hours > 0 or f.unassigned_slots > 0 or f.planned_visits > 0)
      and case $1
              when ''SYSTEM'' then true
              when ''COMMISSIONER'' then $3 or f.commissioner_id = $2
              else f.organisation_id = $2
          end
),
-- whole ISO weeks of the period, all before $8, whose week rows are current: read by week (unless
-- grouped by DAY); every other day of the period is read day by day
usable_weeks as (
    select fw.week
    from reporting.fact_weeks fw
    where not %g_day%
      and fw.week >= $5 and fw.week + 6 <= $6 and fw.week + 6 < $8
      and not exists (select from reporting.fact_days d
                      where d.day between fw.week and fw.week + 6 and d.refreshed_seq > fw.computed_seq)
),
people as (
    select f.week as day, f.organisation_id, f.area_id, f.commissioner_id, f.sector, f.pool_id, f.person, f.flags,
           f.carers
    from reporting.care_people_weeks f
    where f.week in (select uw.week from usable_weeks uw)
    union all
    select f.day, f.organisation_id, f.area_id, f.commissioner_id, f.sector, f.pool_id, f.person, f.flags, f.carers
    from reporting.care_people f
    where f.day between $5 and $6
      and (f.day - (extract(isodow from f.day)::int - 1)) not in (select uw.week from usable_weeks uw)
),
-- care people in scope: flags as they count for this grouping (1 commissioned, 2 planned, 4 unmet
-- need, 8 delivered, 16 not delivered — only on days before $8), per group, person and ISO week
pw as (
    select case when %g_area% then t.group_id end as ka,
           case when %g_week% then f.day - (extract(isodow from f.day)::int - 1) end as kw,
           case when %g_day% then f.day end as kd,
           case when %g_sector% then f.sector end as ks,
           case when %g_commissioner% then f.commissioner_id end as kc,
           case when %g_pool% then f.pool_id end as kp,
           f.person,
           bit_or(f.flags & case when f.pool_id is null and %g_pool% then 5 else 31 end
                          & case when f.day < $8 then 31 else 15 end) as flags,
           reporting.uuid_cat(f.carers) filter (where f.pool_id is null) as carers
    from people f
             join tree t on t.id = f.area_id
    where (f.pool_id is null or %g_pool%)
      and (f.pool_id is not null or not %g_pool% or f.flags & 5 <> 0 or f.carers is not null)
      and case $1
              when ''SYSTEM'' then true
              when ''COMMISSIONER'' then $3 or f.commissioner_id = $2
              else f.organisation_id = $2
          end
    group by 1, 2, 3, 4, 5, 6, f.person, f.day - (extract(isodow from f.day)::int - 1)
),
-- per group and person: which figures they count in, and their continuity (distinct carers per
-- ISO week; per day when grouped by DAY)
pp as (
    select pw.ka, pw.kw, pw.kd, pw.ks, pw.kc, pw.kp, pw.person, bit_or(pw.flags) as flags,
           sum((select count(distinct c) from unnest(pw.carers) c)) filter (where pw.carers is not null) as carers,
           count(*) filter (where pw.carers is not null) as units
    from pw
    group by pw.ka, pw.kw, pw.kd, pw.ks, pw.kc, pw.kp, pw.person
),
-- work facts in scope: planned hours by carer, with their pool
wk as (
    select t.group_id as area_id, w.day, w.sector, w.commissioner_id, w.carer_id, w.pool_id, w.pool_sector,
           w.hours, w.travel_minutes
    from reporting.work_facts w
             join tree t on t.id = w.area_id
    where w.day between $5 and $6
      and case $1
              when ''SYSTEM'' then true
              when ''COMMISSIONER'' then $3 or w.commissioner_id = $2
              else w.organisation_id = $2
          end
),
-- per group and carer (carers rostered, cross-pool hours)
pc as (
    select case when %g_area% then wk.area_id end as ka,
           case when %g_week% then wk.day - (extract(isodow from wk.day)::int - 1) end as kw,
           case when %g_day% then wk.day end as kd,
           case when %g_sector% then wk.sector end as ks,
           case when %g_commissioner% then wk.commissioner_id end as kc,
           case when %g_pool% then wk.pool_id end as kp,
           coalesce(sum(wk.hours::float8) filter (where wk.pool_sector = ''HEALTH'' and wk.sector <> ''HEALTH''), 0)
               as health_hours,
           coalesce(sum(wk.hours::float8) filter (where wk.pool_sector = ''SOCIAL_CARE'' and wk.sector <> ''SOCIAL_CARE''), 0)
               as social_care_hours,
           bool_or(wk.pool_sector <> wk.sector) as cross_pool
    from wk
    group by 1, 2, 3, 4, 5, 6, wk.carer_id
),
-- the workforce: a coordinator''s own carers; a commissioner''s = the carers rostered on the care in
-- scope; each carer-day is reported under the area of that day''s published route, else the area
-- the carer worked in most in the period (carers never rostered in the area are left out)
scope_carers as (
    select distinct cd.carer_id, cd.pool_id, cd.pool_sector as sector
    from reporting.carer_days cd
    where cd.day between $5 and $6
      and ($1 = ''SYSTEM'' or ($1 <> ''COMMISSIONER'' and cd.organisation_id = $2))
    union
    select distinct wk.carer_id, wk.pool_id, wk.pool_sector
    from wk
    where $1 = ''COMMISSIONER''
),
routes as (
    select cd.carer_id, cd.day, t.group_id as area_id
    from reporting.carer_days cd
             cross join lateral unnest(cd.route_areas) ra(area_id)
             join tree t on t.id = ra.area_id
             join scope_carers sc on sc.carer_id = cd.carer_id
    where cd.day between $5 and $6
),
home as (
    select distinct on (r.carer_id) r.carer_id, r.area_id
    from routes r
    group by r.carer_id, r.area_id
    order by r.carer_id, count(*) desc, r.area_id::text
),
route_area as (
    select r.carer_id, r.day, min(r.area_id::text)::uuid as area_id from routes r group by r.carer_id, r.day
),
-- each carer-day of the workforce, in one pass: shift and absence (days with shifts), used hours and
-- travel before them (work in scope), travel home at the end of the published routes (counted on
-- days with a shift or work), under the day''s route area or else the carer''s home area
wd as (
    -- summed as float8 (the api reads every figure as a double): numeric sums cost a fifth of the report
    select cd.carer_id, cd.day, cd.shift_hours::float8 as shift_hours, cd.absence_hours::float8 as absence_hours,
           0::float8 as used_hours, 0::float8 as travel_minutes,
           cd.route_end_travel_hours::float8 as route_end_travel_hours, cd.shifts > 0 as counted
    from reporting.carer_days cd
             join home h on h.carer_id = cd.carer_id
    where cd.day between $5 and $6
    union all
    select wk.carer_id, wk.day, 0, 0, wk.hours::float8, wk.travel_minutes::float8, 0, true
    from wk
             join home h on h.carer_id = wk.carer_id
),
wf as (
    select w.carer_id, w.day, coalesce(ra.area_id, h.area_id) as area_id, sc.pool_id, sc.sector,
           w.shift_hours, w.absence_hours, w.used_hours, w.travel_hours
    from (select wd.carer_id, wd.day, sum(wd.shift_hours) as shift_hours, sum(wd.absence_hours) as absence_hours,
                 sum(wd.used_hours) as used_hours,
                 sum(wd.travel_minutes) / 60.0 + sum(wd.route_end_travel_hours) as travel_hours
          from wd
          group by wd.carer_id, wd.day
          having bool_or(wd.counted)) w
             join home h on h.carer_id = w.carer_id
             join scope_carers sc on sc.carer_id = w.carer_id
             left join route_area ra on ra.carer_id = w.carer_id and ra.day = w.day
),
-- every source aggregated to the requested groups, then summed per group (each column comes from
-- exactly one source, so distinct counts are never added across sources)
m as (
    select cs.ka, cs.kw, cs.kd, cs.ks, cs.kc, cs.kp,
           sum(cs.commissioned_hours) as commissioned_hours,
           null::bigint as commissioned_people,
           coalesce(sum(cs.planned_hours) filter (where cs.own), 0) as planned_hours,
           null::bigint as planned_people,
           coalesce(sum(cs.planned_visits) filter (where cs.own), 0) as planned_visits,
           null::bigint as carers_rostered,
           sum(cs.unassigned_hours) as unassigned_hours,
           sum(cs.unassigned_slots) as unassigned_slots,
           null::bigint as unassigned_people,
           coalesce(sum(cs.delivered_hours) filter (where cs.own), 0) as delivered_hours,
           null::bigint as delivered_people,
           coalesce(sum(cs.undelivered_hours) filter (where cs.own and cs.due), 0) as not_delivered_hours,
           null::bigint as not_delivered_people,
           coalesce(sum(cs.outcome_visits) filter (where cs.own and cs.due), 0) as due_visits,
           coalesce(sum(cs.checked_in_visits) filter (where cs.own), 0) as checked_in_visits,
           coalesce(sum(cs.late_visits) filter (where cs.own), 0) as late_visits,
           coalesce(sum(cs.unchecked_visits) filter (where cs.own and cs.due), 0) as missed_visits,
           coalesce(sum(cs.short_visits) filter (where cs.own), 0) as short_visits,
           null::numeric as shift_hours,
           null::numeric as absence_hours,
           null::numeric as used_hours,
           null::numeric as travel_hours,
           null::bigint as workforce_carers,
           null::numeric as continuity_sum,
           null::bigint as continuity_units,
           null::bigint as continuity_people,
           null::numeric as health_on_social_care_hours,
           null::numeric as social_care_on_health_hours,
           null::bigint as cross_pool_carers
    from cs
    group by cs.ka, cs.kw, cs.kd, cs.ks, cs.kc, cs.kp
    union all
    select pp.ka, pp.kw, pp.kd, pp.ks, pp.kc, pp.kp,
           null, count(*) filter (where pp.flags & 1 <> 0), null, count(*) filter (where pp.flags & 2 <> 0), null,
           null, null, null, count(*) filter (where pp.flags & 4 <> 0), null, count(*) filter (where pp.flags & 8 <> 0),
           null, count(*) filter (where pp.flags & 16 <> 0), null, null, null, null, null,
           null, null, null, null, null,
           sum(pp.carers), sum(pp.units)::bigint, count(*) filter (where pp.units > 0),
           null, null, null
    from pp
    group by pp.ka, pp.kw, pp.kd, pp.ks, pp.kc, pp.kp
    union all
    select pc.ka, pc.kw, pc.kd, pc.ks, pc.kc, pc.kp,
           null, null, null, null, null,
           count(*),
           null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
           null, null, null,
           sum(pc.health_hours) filter (where pc.cross_pool),
           sum(pc.social_care_hours) filter (where pc.cross_pool),
           count(*) filter (where pc.cross_pool)
    from pc
    group by pc.ka, pc.kw, pc.kd, pc.ks, pc.kc, pc.kp
    union all
    select x.ka, x.kw, x.kd, x.ks, x.kc, x.kp,
           null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
           null,
           sum(x.shift_hours), sum(x.absence_hours), sum(x.used_hours), sum(x.travel_hours), count(*),
           null, null, null, null, null, null
    from (select case when %g_area% then wf.area_id end as ka,
                 case when %g_week% then wf.day - (extract(isodow from wf.day)::int - 1) end as kw,
                 case when %g_day% then wf.day end as kd,
                 case when %g_sector% then wf.sector end as ks,
                 null::uuid as kc,
                 case when %g_pool% then wf.pool_id end as kp,
                 wf.carer_id, sum(wf.shift_hours) as shift_hours, sum(wf.absence_hours) as absence_hours,
                 sum(wf.used_hours) as used_hours, sum(wf.travel_hours) as travel_hours
          from wf
          group by 1, 2, 3, 4, 5, 6, wf.carer_id) x
    group by x.ka, x.kw, x.kd, x.ks, x.kc, x.kp

),
grouped as (
    select m.ka, m.kw, m.kd, m.ks, m.kc, m.kp,
           coalesce(sum(m.commissioned_hours), 0)::numeric as commissioned_hours,
           coalesce(sum(m.commissioned_people), 0)::bigint as commissioned_people,
           coalesce(sum(m.planned_hours), 0)::numeric as planned_hours,
           coalesce(sum(m.planned_people), 0)::bigint as planned_people,
           coalesce(sum(m.planned_visits), 0)::bigint as planned_visits,
           coalesce(sum(m.carers_rostered), 0)::bigint as carers_rostered,
           coalesce(sum(m.unassigned_hours), 0)::numeric as unassigned_hours,
           coalesce(sum(m.unassigned_slots), 0)::bigint as unassigned_slots,
           coalesce(sum(m.unassigned_people), 0)::bigint as unassigned_people,
           coalesce(sum(m.delivered_hours), 0)::numeric as delivered_hours,
           coalesce(sum(m.delivered_people), 0)::bigint as delivered_people,
           coalesce(sum(m.not_delivered_hours), 0)::numeric as not_delivered_hours,
           coalesce(sum(m.not_delivered_people), 0)::bigint as not_delivered_people,
           coalesce(sum(m.due_visits), 0)::bigint as due_visits,
           coalesce(sum(m.checked_in_visits), 0)::bigint as checked_in_visits,
           coalesce(sum(m.late_visits), 0)::bigint as late_visits,
           coalesce(sum(m.missed_visits), 0)::bigint as missed_visits,
           coalesce(sum(m.short_visits), 0)::bigint as short_visits,
           coalesce(sum(m.shift_hours), 0)::numeric as shift_hours,
           coalesce(sum(m.absence_hours), 0)::numeric as absence_hours,
           coalesce(sum(m.used_hours), 0)::numeric as used_hours,
           coalesce(sum(m.travel_hours), 0)::numeric as travel_hours,
           coalesce(sum(m.workforce_carers), 0)::bigint as workforce_carers,
           coalesce(sum(m.continuity_sum), 0)::numeric as continuity_sum,
           coalesce(sum(m.continuity_units), 0)::bigint as continuity_units,
           coalesce(sum(m.continuity_people), 0)::bigint as continuity_people,
           coalesce(sum(m.health_on_social_care_hours), 0)::numeric as health_on_social_care_hours,
           coalesce(sum(m.social_care_on_health_hours), 0)::numeric as social_care_on_health_hours,
           coalesce(sum(m.cross_pool_carers), 0)::bigint as cross_pool_carers
    from m
    group by m.ka, m.kw, m.kd, m.ks, m.kc, m.kp
),
-- the three commonest reasons of the unassigned slots of each group
reasons as (
    select r.ka, r.kw, r.kd, r.ks, r.kc,
           jsonb_agg(jsonb_build_object(''reason'', r.reason, ''slots'', r.slots) order by r.slots desc, r.reason)
               filter (where r.rn <= 3) as reasons
    from (select x.*, row_number() over (partition by x.ka, x.kw, x.kd, x.ks, x.kc order by x.slots desc, x.reason) as rn
          from (select cs.ka, cs.kw, cs.kd, cs.ks, cs.kc, r.reason, sum(r.slots::bigint) as slots
                from cs
                         cross join lateral jsonb_each_text(cs.reasons) r(reason, slots)
                where cs.pool_id is null
                group by 1, 2, 3, 4, 5, 6) x) r
    group by r.ka, r.kw, r.kd, r.ks, r.kc
),
-- cross-pool flows: carer hours of staff of one sector on care of the other, by pool
flows as (
    select f.ka, f.kw, f.kd, f.ks, f.kc, f.kp,
           jsonb_agg(jsonb_build_object(''poolId'', f.pool_id, ''poolName'', sp.name, ''fromSector'', f.pool_sector,
                                        ''toSector'', f.sector, ''hours'', round(f.hours, 2), ''carers'', f.carers)
                     order by f.hours desc, sp.name) as flows
    from (select case when %g_area% then wk.area_id end as ka,
                 case when %g_week% then wk.day - (extract(isodow from wk.day)::int - 1) end as kw,
                 case when %g_day% then wk.day end as kd,
                 case when %g_sector% then wk.sector end as ks,
                 case when %g_commissioner% then wk.commissioner_id end as kc,
                 case when %g_pool% then wk.pool_id end as kp,
                 wk.pool_id, wk.pool_sector, wk.sector, sum(wk.hours) as hours, count(distinct wk.carer_id) as carers
          from wk
          where wk.pool_sector <> wk.sector
          group by 1, 2, 3, 4, 5, 6, 7, 8, 9) f
             join staff_pools sp on sp.id = f.pool_id
    group by f.ka, f.kw, f.kd, f.ks, f.kc, f.kp
)
select gr.ka, ar.name, gr.kw, gr.kd, gr.ks, gr.kc, co.name, gr.kp, sp.name,
       gr.commissioned_hours, gr.commissioned_people, gr.planned_hours, gr.planned_people, gr.planned_visits,
       gr.carers_rostered, gr.unassigned_hours, gr.unassigned_slots, gr.unassigned_people, gr.delivered_hours,
       gr.delivered_people, gr.not_delivered_hours, gr.not_delivered_people, gr.due_visits, gr.checked_in_visits,
       gr.late_visits, gr.missed_visits, gr.short_visits, gr.shift_hours, gr.absence_hours, gr.used_hours,
       gr.travel_hours, gr.workforce_carers, gr.continuity_sum, gr.continuity_units, gr.continuity_people,
       gr.health_on_social_care_hours, gr.social_care_on_health_hours, gr.cross_pool_carers,
       coalesce(rs.reasons, ''[]''::jsonb), coalesce(fl.flows, ''[]''::jsonb)
from grouped gr
         left join areas ar on ar.id = gr.ka
         left join organisations co on co.id = gr.kc
         left join staff_pools sp on sp.id = gr.kp
         left join reasons rs on rs.ka is not distinct from gr.ka and rs.kw is not distinct from gr.kw
    and rs.kd is not distinct from gr.kd and rs.ks is not distinct from gr.ks and rs.kc is not distinct from gr.kc
    and gr.kp is null
         left join flows fl on fl.ka is not distinct from gr.ka and fl.kw is not distinct from gr.kw
    and fl.kd is not distinct from gr.kd and fl.ks is not distinct from gr.ks and fl.kc is not distinct from gr.kc
    and fl.kp is not distinct from gr.kp
order by ar.name nulls first, gr.kw nulls first, gr.kd nulls first, gr.ks nulls first, co.name nulls first,
         sp.name nulls first';
begin
    -- the grouping flags become literals, so that the planner folds every absent grouping away
    query := replace(query, '%g_area%', ('AREA' = any (p_group_by))::text);
    query := replace(query, '%g_week%', ('WEEK' = any (p_group_by))::text);
    query := replace(query, '%g_day%', ('DAY' = any (p_group_by))::text);
    query := replace(query, '%g_sector%', ('SECTOR' = any (p_group_by))::text);
    query := replace(query, '%g_commissioner%', ('COMMISSIONER' = any (p_group_by))::text);
    query := replace(query, '%g_pool%', ('POOL' = any (p_group_by))::text);
    return query execute query using p_role, p_organisation, p_owns_area, p_area, p_from, p_to, p_group_by, p_as_of;
end
$fn$;

revoke all on function reports_capacity_scoped(text, uuid, boolean, uuid, date, date, text[], date) from public;

-- ---------------------------------------------------------------------------------------------
-- What the application calls: the capacity report of the area for the caller. Raises
-- insufficient_privilege (42501) for a caller who may not report on the area (the api checks
-- reports_area_visible first and answers AreaNotVisible) and invalid_parameter_value (22023) for
-- an unknown grouping or a reversed period. In a read-write transaction it first brings the
-- period's facts up to date (reports_refresh); in a read-only one it reads them as they are (the
-- api calls reports_refresh in its own transaction just before) and raises
-- object_not_in_prerequisite_state (55000) if a day of the period was never computed.
create function reports_capacity(p_area uuid, p_from date, p_to date, p_group_by text[], p_as_of date)
    returns setof reports_capacity_row
    language plpgsql volatile security definer
    set search_path = public, pg_temp as
$$
declare
    caller_role text := rls_role();
    caller_org  uuid := rls_organisation_id();
    access      record;
begin
    if p_to < p_from then
        raise exception 'the period ends before it starts' using errcode = 'invalid_parameter_value';
    end if;
    if not (p_group_by <@ array ['AREA', 'WEEK', 'DAY', 'SECTOR', 'COMMISSIONER', 'POOL']) then
        raise exception 'unknown grouping' using errcode = 'invalid_parameter_value';
    end if;
    if caller_role not in ('SYSTEM', 'ADMIN', 'COORDINATOR', 'COMMISSIONER')
        or (caller_role <> 'SYSTEM' and caller_org is null) then
        raise exception 'reports need a signed-in commissioner, coordinator or administrator'
            using errcode = 'insufficient_privilege';
    end if;
    select * into access from reports_area_access(caller_role, caller_org, p_area);
    if not coalesce(access.visible, false) then
        raise exception 'area not visible' using errcode = 'insufficient_privilege';
    end if;
    if current_setting('transaction_read_only') = 'off' then
        perform reports_refresh(p_from, p_to);
    elsif exists (select
                  from generate_series(p_from::timestamp, p_to::timestamp, interval '1 day') g
                  where not exists (select from reporting.fact_days f where f.day = g::date)) then
        -- never a report of zeros that looks real: these days were never computed
        raise exception 'the report facts of the period are not computed yet: call reports_refresh(from, to) first'
            using errcode = 'object_not_in_prerequisite_state';
    end if;
    return query select *
                 from reports_capacity_scoped(caller_role, caller_org, coalesce(access.owned, false), p_area,
                                              p_from, p_to, p_group_by, p_as_of);
end
$$;
