-- Capacity reports (issue 8): aggregates computed in SQL from the plan, the published rota and
-- what carers' devices recorded. Repeatable: Flyway re-runs this file whenever it changes.
--
-- Two layers, so that no caller ever reads person-level rows through a report:
--   reports_capacity(...)         what the application calls. SECURITY DEFINER only so that it may
--                                 call the next function; it reads the caller's settings
--                                 (carerota.role / carerota.organisation_id), decides the scope
--                                 itself and returns aggregates only.
--   reports_capacity_scoped(...)  the report for an explicit scope, run with carerota.role = SYSTEM
--                                 (a function-level SET, restored on return) so that it reads
--                                 across tenants. Not executable by the application role.
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
-- The capacity report for an explicit scope:
--   p_role SYSTEM          all care in the area
--   p_role COMMISSIONER    care the organisation commissions in the area; all care in the area
--                          when p_owns_area (the organisation owns the area)
--   p_role ADMIN/COORDINATOR  care the organisation provides (visits it owns); its own carers
-- One row per group of p_group_by (AREA = the child of p_area holding the visit, WEEK = ISO week
-- by its Monday, DAY, SECTOR, COMMISSIONER, POOL); an absent grouping is null in every row.
drop function if exists reports_capacity_scoped(text, uuid, boolean, uuid, date, date, text[], date);
create function reports_capacity_scoped(p_role text, p_organisation uuid, p_owns_area boolean, p_area uuid,
                                        p_from date, p_to date, p_group_by text[], p_as_of date)
    returns table (
    area_id uuid,
    area_name text,
    week date,
    day date,
    sector text,
    commissioner_id uuid,
    commissioner_name text,
    pool_id uuid,
    pool_name text,
    commissioned_hours numeric,
    commissioned_people bigint,
    planned_hours numeric,
    planned_people bigint,
    planned_visits bigint,
    carers_rostered bigint,
    unassigned_hours numeric,
    unassigned_slots bigint,
    unassigned_people bigint,
    delivered_hours numeric,
    delivered_people bigint,
    not_delivered_hours numeric,
    not_delivered_people bigint,
    due_visits bigint,
    checked_in_visits bigint,
    late_visits bigint,
    missed_visits bigint,
    short_visits bigint,
    shift_hours numeric,
    absence_hours numeric,
    used_hours numeric,
    travel_hours numeric,
    workforce_carers bigint,
    continuity_sum numeric,
    continuity_units bigint,
    continuity_people bigint,
    health_on_social_care_hours numeric,
    social_care_on_health_hours numeric,
    cross_pool_carers bigint,
    leading_reasons jsonb,
    cross_pool_flows jsonb
    )
    language plpgsql stable
    set search_path = public, pg_temp
    set carerota.role = 'SYSTEM'
    -- one large aggregate query: sorts and hashes in memory; JIT compilation costs more than it saves
    set work_mem = '64MB'
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
-- the visits in scope (not cancelled); sector = the sector of the care, from who commissions it
v as (
    select v.id, v.service_user_id as person, v.commissioner_id, v.template_id, v.duration_minutes,
           v.carers_required, v.window_end, v.service_date as day, t.group_id as area_id,
           case when o.kind in (''ICB'', ''NHS_TRUST'') then ''HEALTH'' else ''SOCIAL_CARE'' end as sector,
           coalesce(cp.lateness_tolerance_minutes, 15) as tolerance
    from visits v
             join tree t on t.id = v.area_id
             join organisations o on o.id = v.commissioner_id
             left join care_packages cp on cp.id = v.care_package_id
    where v.service_date between $5 and $6
      and v.status <> ''CANCELLED''
      and case $1
              when ''SYSTEM'' then true
              when ''COMMISSIONER'' then $3 or v.commissioner_id = $2
              else v.organisation_id = $2
          end
),
-- commissioned: every visit template of every care package in scope, expanded over the period
-- (ISO days of week, every_weeks counted from the package''s first week, package and template
-- validity), in carer hours (duration x carers required); plus one-off visits (no template)
days as (select d::date as day from generate_series($5::timestamp, $6::timestamp, interval ''1 day'') d),
packages as materialized (
    select cp.id, cp.service_user_id as person, cp.commissioner_id, cp.starts_on, cp.ends_on, cp.archived_at,
           t.group_id as area_id,
           case when o.kind in (''ICB'', ''NHS_TRUST'') then ''HEALTH'' else ''SOCIAL_CARE'' end as sector
    from care_packages cp
             join service_users su on su.id = cp.service_user_id
             join tree t on t.id = su.area_id
             join organisations o on o.id = cp.commissioner_id
    where cp.starts_on <= $6
      and (cp.ends_on is null or cp.ends_on >= $5)
      and case $1
              when ''SYSTEM'' then true
              when ''COMMISSIONER'' then $3 or cp.commissioner_id = $2
              else cp.organisation_id = $2
          end
),
commissioned as (
    select pk.area_id, pk.commissioner_id, pk.person, ds.day, pk.sector,
           vt.duration_minutes * vt.carers_required / 60.0 as hours
    from packages pk
             join visit_templates vt on vt.care_package_id = pk.id
             join days ds on ds.day >= greatest(pk.starts_on, vt.valid_from)
        and ds.day <= least(coalesce(pk.ends_on, ''infinity''::date), coalesce(vt.valid_to, ''infinity''::date))
    where extract(isodow from ds.day)::smallint = any (vt.days_of_week)
      and ((ds.day - extract(isodow from ds.day)::int) - (pk.starts_on - extract(isodow from pk.starts_on)::int))
              / 7 % vt.every_weeks = 0
      and (pk.archived_at is null or (pk.archived_at at time zone ''Europe/London'')::date > ds.day)
    union all
    select v.area_id, v.commissioner_id, v.person, v.day, v.sector, v.duration_minutes * v.carers_required / 60.0
    from v
    where v.template_id is null
),
-- planned: the published rota''s assignments (one per carer slot)
a as (
    select a.visit_id, a.carer_id, a.slot_index, a.service_date as day,
           extract(epoch from a.end_at - a.start_at) / 3600.0 as hours, a.travel_minutes_before,
           c.pool_id, p.sector as pool_sector, v.area_id, v.sector, v.commissioner_id, v.person
    from assignments a
             join published_plan_days d on d.plan_id = a.plan_id and d.service_date = a.service_date
             join v on v.id = a.visit_id
             join carers c on c.id = a.carer_id
             join staff_pools p on p.id = c.pool_id
    where a.service_date between $5 and $6
),
pv as (
    select a.visit_id, sum(a.hours) as hours, (array_agg(a.pool_id order by a.slot_index))[1] as lead_pool
    from a
    group by a.visit_id
),
-- unmet need: the published rota''s unassigned visit slots
u as (
    select v.area_id, v.day, v.sector, v.commissioner_id, v.person, v.duration_minutes / 60.0 as hours, u.reasons
    from unassigned_visits u
             join published_plan_days d on d.plan_id = u.plan_id and d.service_date = u.service_date
             join v on v.id = u.visit_id
    where u.service_date between $5 and $6
),
-- delivered: per visit and carer, the first check-in and the last check-out (device time)
pairs as (
    select e.visit_id, e.carer_id,
           min(e.device_time) filter (where e.kind = ''CHECK_IN'') as checked_in,
           max(e.device_time) filter (where e.kind = ''CHECK_OUT'') as checked_out
    from visit_events e
             join v on v.id = e.visit_id
    where e.kind in (''CHECK_IN'', ''CHECK_OUT'')
    group by e.visit_id, e.carer_id
),
dp as (
    select p.visit_id, c.pool_id, extract(epoch from p.checked_out - p.checked_in) / 3600.0 as hours,
           v.area_id, v.day, v.sector, v.commissioner_id, v.person
    from pairs p
             join carers c on c.id = p.carer_id
             join v on v.id = p.visit_id
    where p.checked_in is not null
      and p.checked_out > p.checked_in
),
-- each planned visit''s outcome; due = its day is before $8
outcome as (
    select v.area_id, v.day, v.sector, v.commissioner_id, v.person, pv.hours as planned_hours, pv.lead_pool,
           e.first_check_in,
           coalesce(e.first_check_in > v.window_end + make_interval(mins => v.tolerance), false) as late,
           (v.day < $8 and e.first_check_in is null) as missed,
           coalesce(v.duration_minutes >= 30 and e.longest_hours < 0.5, false) as short,
           (v.day < $8 and e.longest_hours is null) as not_delivered,
           v.day < $8 as due
    from v
             join pv on pv.visit_id = v.id
             left join (select p.visit_id, min(p.checked_in) as first_check_in,
                               max(extract(epoch from p.checked_out - p.checked_in) / 3600.0)
                               filter (where p.checked_out > p.checked_in) as longest_hours
                        from pairs p
                        group by p.visit_id) e on e.visit_id = v.id
),
-- continuity: distinct carers per person per ISO week (per day when grouped by DAY)
pw as (
    select case when %g_area% then a.area_id end as ka,
           case when %g_week% then a.day - (extract(isodow from a.day)::int - 1) end as kw,
           case when %g_day% then a.day end as kd,
           case when %g_sector% then a.sector end as ks,
           case when %g_commissioner% then a.commissioner_id end as kc,
           a.person, count(distinct a.carer_id) as carers
    from a
    group by 1, 2, 3, 4, 5, a.person, a.day - (extract(isodow from a.day)::int - 1)
),
-- the workforce: a coordinator''s own carers; a commissioner''s = the carers rostered on the care in
-- scope; each carer-day is reported under the area of that day''s published route, else the area
-- the carer worked in most in the period (carers never rostered in the area are left out)
scope_carers as (
    select c.id as carer_id, c.pool_id, p.sector
    from carers c
             join staff_pools p on p.id = c.pool_id
    where case $1
              when ''SYSTEM'' then true
              when ''COMMISSIONER'' then c.id in (select a.carer_id from a)
              else c.organisation_id = $2
          end
),
routes as (
    select r.carer_id, r.service_date as day, t.group_id as area_id
    from plan_routes r
             join published_plan_days d on d.plan_id = r.plan_id and d.service_date = r.service_date
             join tree t on t.id = d.area_id
             join scope_carers sc on sc.carer_id = r.carer_id
    where r.service_date between $5 and $6
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
shift_days as (
    select s.carer_id, (s.starts_at at time zone ''Europe/London'')::date as day,
           sum(extract(epoch from s.ends_at - s.starts_at)) / 3600.0 as shift_hours,
           sum(least(extract(epoch from s.ends_at - s.starts_at),
                     coalesce((select sum(extract(epoch from least(s.ends_at, ab.ends_at) - greatest(s.starts_at, ab.starts_at)))
                               from absences ab
                               where ab.carer_id = s.carer_id
                                 and ab.starts_at < s.ends_at
                                 and ab.ends_at > s.starts_at), 0))) / 3600.0 as absence_hours
    from shifts s
             join home h on h.carer_id = s.carer_id
    where s.starts_at >= ($5::timestamp at time zone ''Europe/London'')
      and s.starts_at < (($6 + 1)::timestamp at time zone ''Europe/London'')
    group by 1, 2
),
-- used: the carers'' planned visit hours (and travel before them) on the care in scope
work_days as (
    select a.carer_id, a.day, sum(a.hours) as used_hours, sum(a.travel_minutes_before) / 60.0 as travel_hours
    from a
             join home h on h.carer_id = a.carer_id
    group by 1, 2
),
route_end as (
    select r.carer_id, r.service_date as day, sum(coalesce(r.travel_minutes_to_end, 0)) / 60.0 as travel_hours
    from plan_routes r
             join published_plan_days d on d.plan_id = r.plan_id and d.service_date = r.service_date
             join home h on h.carer_id = r.carer_id
    where r.service_date between $5 and $6
    group by 1, 2
),
wf as (
    select cd.carer_id, cd.day, coalesce(ra.area_id, h.area_id) as area_id, sc.pool_id, sc.sector,
           coalesce(sd.shift_hours, 0) as shift_hours, coalesce(sd.absence_hours, 0) as absence_hours,
           coalesce(wd.used_hours, 0) as used_hours,
           coalesce(wd.travel_hours, 0) + coalesce(re.travel_hours, 0) as travel_hours
    from (select carer_id, day from shift_days union select carer_id, day from work_days) cd
             join home h on h.carer_id = cd.carer_id
             join scope_carers sc on sc.carer_id = cd.carer_id
             left join route_area ra on ra.carer_id = cd.carer_id and ra.day = cd.day
             left join shift_days sd on sd.carer_id = cd.carer_id and sd.day = cd.day
             left join work_days wd on wd.carer_id = cd.carer_id and wd.day = cd.day
             left join route_end re on re.carer_id = cd.carer_id and re.day = cd.day
),
-- every source aggregated to the requested groups, then summed per group (each column comes from
-- exactly one source, so distinct counts are never added across sources)
m (ka, kw, kd, ks, kc, kp,
   commissioned_hours, commissioned_people, planned_hours, planned_people, planned_visits,
   carers_rostered, unassigned_hours, unassigned_slots, unassigned_people, delivered_hours,
   delivered_people, not_delivered_hours, not_delivered_people, due_visits, checked_in_visits,
   late_visits, missed_visits, short_visits, shift_hours, absence_hours, used_hours, travel_hours,
   workforce_carers, continuity_sum, continuity_units, continuity_people,
   health_on_social_care_hours, social_care_on_health_hours, cross_pool_carers) as (
        -- commissioned: per group and person, then per group
        select x.ka, x.kw, x.kd, x.ks, x.kc, x.kp,
               sum(x.hours),
               count(*),
               null::numeric,
               null::bigint,
               null::bigint,
               null::bigint,
               null::numeric,
               null::bigint,
               null::bigint,
               null::numeric,
               null::bigint,
               null::numeric,
               null::bigint,
               null::bigint,
               null::bigint,
               null::bigint,
               null::bigint,
               null::bigint,
               null::numeric,
               null::numeric,
               null::numeric,
               null::numeric,
               null::bigint,
               null::numeric,
               null::bigint,
               null::bigint,
               null::numeric,
               null::numeric,
               null::bigint
        from (select case when %g_area% then c.area_id end as ka,
                   case when %g_week% then c.day - (extract(isodow from c.day)::int - 1) end as kw,
                   case when %g_day% then c.day end as kd,
                   case when %g_sector% then c.sector end as ks,
                   case when %g_commissioner% then c.commissioner_id end as kc,
                   case when %g_pool% then null::uuid end as kp,
                   c.person, sum(c.hours) as hours
              from commissioned c
              group by 1, 2, 3, 4, 5, 6, c.person) x
        group by x.ka, x.kw, x.kd, x.ks, x.kc, x.kp
        union all
        -- planned: people, visits and carers counted in one pass of grouping sets
        select x.ka, x.kw, x.kd, x.ks, x.kc, x.kp,
               null::numeric,
               null::bigint,
               sum(x.hours) filter (where x.set = 3),
               count(*) filter (where x.set = 3),
               count(*) filter (where x.set = 5),
               count(*) filter (where x.set = 6),
               null::numeric,
               null::bigint,
               null::bigint,
               null::numeric,
               null::bigint,
               null::numeric,
               null::bigint,
               null::bigint,
               null::bigint,
               null::bigint,
               null::bigint,
               null::bigint,
               null::numeric,
               null::numeric,
               null::numeric,
               null::numeric,
               null::bigint,
               null::numeric,
               null::bigint,
               null::bigint,
               null::numeric,
               null::numeric,
               null::bigint
        from (select case when %g_area% then a.area_id end as ka,
                   case when %g_week% then a.day - (extract(isodow from a.day)::int - 1) end as kw,
                   case when %g_day% then a.day end as kd,
                   case when %g_sector% then a.sector end as ks,
                   case when %g_commissioner% then a.commissioner_id end as kc,
                   case when %g_pool% then a.pool_id end as kp,
                   grouping(a.person, a.visit_id, a.carer_id) as set, sum(a.hours) as hours
              from a
              group by grouping sets ((1, 2, 3, 4, 5, 6, a.person), (1, 2, 3, 4, 5, 6, a.visit_id),
                                      (1, 2, 3, 4, 5, 6, a.carer_id))) x
        group by x.ka, x.kw, x.kd, x.ks, x.kc, x.kp
        union all
        -- unassigned
        select x.ka, x.kw, x.kd, x.ks, x.kc, x.kp,
               null::numeric,
               null::bigint,
               null::numeric,
               null::bigint,
               null::bigint,
               null::bigint,
               sum(x.hours),
               sum(x.slots)::bigint,
               count(*),
               null::numeric,
               null::bigint,
               null::numeric,
               null::bigint,
               null::bigint,
               null::bigint,
               null::bigint,
               null::bigint,
               null::bigint,
               null::numeric,
               null::numeric,
               null::numeric,
               null::numeric,
               null::bigint,
               null::numeric,
               null::bigint,
               null::bigint,
               null::numeric,
               null::numeric,
               null::bigint
        from (select case when %g_area% then u.area_id end as ka,
                   case when %g_week% then u.day - (extract(isodow from u.day)::int - 1) end as kw,
                   case when %g_day% then u.day end as kd,
                   case when %g_sector% then u.sector end as ks,
                   case when %g_commissioner% then u.commissioner_id end as kc,
                   case when %g_pool% then null::uuid end as kp,
                   u.person, sum(u.hours) as hours, count(*) as slots
              from u
              group by 1, 2, 3, 4, 5, 6, u.person) x
        group by x.ka, x.kw, x.kd, x.ks, x.kc, x.kp
        union all
        -- delivered
        select x.ka, x.kw, x.kd, x.ks, x.kc, x.kp,
               null::numeric,
               null::bigint,
               null::numeric,
               null::bigint,
               null::bigint,
               null::bigint,
               null::numeric,
               null::bigint,
               null::bigint,
               sum(x.hours),
               count(*),
               null::numeric,
               null::bigint,
               null::bigint,
               null::bigint,
               null::bigint,
               null::bigint,
               null::bigint,
               null::numeric,
               null::numeric,
               null::numeric,
               null::numeric,
               null::bigint,
               null::numeric,
               null::bigint,
               null::bigint,
               null::numeric,
               null::numeric,
               null::bigint
        from (select case when %g_area% then dp.area_id end as ka,
                   case when %g_week% then dp.day - (extract(isodow from dp.day)::int - 1) end as kw,
                   case when %g_day% then dp.day end as kd,
                   case when %g_sector% then dp.sector end as ks,
                   case when %g_commissioner% then dp.commissioner_id end as kc,
                   case when %g_pool% then dp.pool_id end as kp,
                   dp.person, sum(dp.hours) as hours
              from dp
              group by 1, 2, 3, 4, 5, 6, dp.person) x
        group by x.ka, x.kw, x.kd, x.ks, x.kc, x.kp
        union all
        -- outcomes of planned visits
        select x.ka, x.kw, x.kd, x.ks, x.kc, x.kp,
               null::numeric,
               null::bigint,
               null::numeric,
               null::bigint,
               null::bigint,
               null::bigint,
               null::numeric,
               null::bigint,
               null::bigint,
               null::numeric,
               null::bigint,
               sum(x.not_delivered_hours),
               count(*) filter (where x.not_delivered_hours > 0),
               sum(x.due)::bigint,
               sum(x.checked_in)::bigint,
               sum(x.late)::bigint,
               sum(x.missed)::bigint,
               sum(x.short)::bigint,
               null::numeric,
               null::numeric,
               null::numeric,
               null::numeric,
               null::bigint,
               null::numeric,
               null::bigint,
               null::bigint,
               null::numeric,
               null::numeric,
               null::bigint
        from (select case when %g_area% then o.area_id end as ka,
                   case when %g_week% then o.day - (extract(isodow from o.day)::int - 1) end as kw,
                   case when %g_day% then o.day end as kd,
                   case when %g_sector% then o.sector end as ks,
                   case when %g_commissioner% then o.commissioner_id end as kc,
                   case when %g_pool% then o.lead_pool end as kp,
                   o.person, coalesce(sum(o.planned_hours) filter (where o.not_delivered), 0) as not_delivered_hours,
                   count(*) filter (where o.due) as due, count(*) filter (where o.first_check_in is not null) as checked_in,
                   count(*) filter (where o.late) as late, count(*) filter (where o.missed) as missed,
                   count(*) filter (where o.short) as short
              from outcome o
              group by 1, 2, 3, 4, 5, 6, o.person) x
        group by x.ka, x.kw, x.kd, x.ks, x.kc, x.kp
        union all
        -- workforce
        select x.ka, x.kw, x.kd, x.ks, x.kc, x.kp,
               null::numeric,
               null::bigint,
               null::numeric,
               null::bigint,
               null::bigint,
               null::bigint,
               null::numeric,
               null::bigint,
               null::bigint,
               null::numeric,
               null::bigint,
               null::numeric,
               null::bigint,
               null::bigint,
               null::bigint,
               null::bigint,
               null::bigint,
               null::bigint,
               sum(x.shift_hours),
               sum(x.absence_hours),
               sum(x.used_hours),
               sum(x.travel_hours),
               count(*),
               null::numeric,
               null::bigint,
               null::bigint,
               null::numeric,
               null::numeric,
               null::bigint
        from (select case when %g_area% then wf.area_id end as ka,
                   case when %g_week% then wf.day - (extract(isodow from wf.day)::int - 1) end as kw,
                   case when %g_day% then wf.day end as kd,
                   case when %g_sector% then wf.sector end as ks,
                   case when %g_commissioner% then null::uuid end as kc,
                   case when %g_pool% then wf.pool_id end as kp,
                   wf.carer_id, sum(wf.shift_hours) as shift_hours, sum(wf.absence_hours) as absence_hours,
                   sum(wf.used_hours) as used_hours, sum(wf.travel_hours) as travel_hours
              from wf
              group by 1, 2, 3, 4, 5, 6, wf.carer_id) x
        group by x.ka, x.kw, x.kd, x.ks, x.kc, x.kp
        union all
        -- continuity
        select x.ka, x.kw, x.kd, x.ks, x.kc, x.kp,
               null::numeric,
               null::bigint,
               null::numeric,
               null::bigint,
               null::bigint,
               null::bigint,
               null::numeric,
               null::bigint,
               null::bigint,
               null::numeric,
               null::bigint,
               null::numeric,
               null::bigint,
               null::bigint,
               null::bigint,
               null::bigint,
               null::bigint,
               null::bigint,
               null::numeric,
               null::numeric,
               null::numeric,
               null::numeric,
               null::bigint,
               sum(x.carers),
               sum(x.units)::bigint,
               count(*),
               null::numeric,
               null::numeric,
               null::bigint
        from (select pw.ka, pw.kw, pw.kd, pw.ks, pw.kc, null::uuid as kp, pw.person, sum(pw.carers) as carers, count(*) as units
              from pw
              group by 1, 2, 3, 4, 5, 6, pw.person) x
        group by x.ka, x.kw, x.kd, x.ks, x.kc, x.kp
        union all
        -- cross-pool
        select x.ka, x.kw, x.kd, x.ks, x.kc, x.kp,
               null::numeric,
               null::bigint,
               null::numeric,
               null::bigint,
               null::bigint,
               null::bigint,
               null::numeric,
               null::bigint,
               null::bigint,
               null::numeric,
               null::bigint,
               null::numeric,
               null::bigint,
               null::bigint,
               null::bigint,
               null::bigint,
               null::bigint,
               null::bigint,
               null::numeric,
               null::numeric,
               null::numeric,
               null::numeric,
               null::bigint,
               null::numeric,
               null::bigint,
               null::bigint,
               sum(x.health_hours),
               sum(x.social_care_hours),
               count(*)
        from (select case when %g_area% then a.area_id end as ka,
                   case when %g_week% then a.day - (extract(isodow from a.day)::int - 1) end as kw,
                   case when %g_day% then a.day end as kd,
                   case when %g_sector% then a.sector end as ks,
                   case when %g_commissioner% then a.commissioner_id end as kc,
                   case when %g_pool% then a.pool_id end as kp,
                   a.carer_id, coalesce(sum(a.hours) filter (where a.pool_sector = ''HEALTH''), 0) as health_hours,
                   coalesce(sum(a.hours) filter (where a.pool_sector = ''SOCIAL_CARE''), 0) as social_care_hours
              from a
              where a.pool_sector <> a.sector
              group by 1, 2, 3, 4, 5, 6, a.carer_id) x
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
          from (select case when %g_area% then u.area_id end as ka,
                       case when %g_week% then u.day - (extract(isodow from u.day)::int - 1) end as kw,
                       case when %g_day% then u.day end as kd,
                       case when %g_sector% then u.sector end as ks,
                       case when %g_commissioner% then u.commissioner_id end as kc,
                       coalesce(reason, ''UNKNOWN'') as reason, count(*) as slots
                from u
                         left join lateral unnest(case when cardinality(u.reasons) = 0 then array [null::text] else u.reasons end) reason on true
                group by 1, 2, 3, 4, 5, 6) x) r
    group by r.ka, r.kw, r.kd, r.ks, r.kc
),
-- cross-pool flows: carer hours of staff of one sector on care of the other, by pool
flows as (
    select f.ka, f.kw, f.kd, f.ks, f.kc, f.kp,
           jsonb_agg(jsonb_build_object(''poolId'', f.pool_id, ''poolName'', sp.name, ''fromSector'', f.pool_sector,
                                        ''toSector'', f.sector, ''hours'', round(f.hours, 2), ''carers'', f.carers)
                     order by f.hours desc, sp.name) as flows
    from (select case when %g_area% then a.area_id end as ka,
                 case when %g_week% then a.day - (extract(isodow from a.day)::int - 1) end as kw,
                 case when %g_day% then a.day end as kd,
                 case when %g_sector% then a.sector end as ks,
                 case when %g_commissioner% then a.commissioner_id end as kc,
                 case when %g_pool% then a.pool_id end as kp,
                 a.pool_id, a.pool_sector, a.sector, sum(a.hours) as hours, count(distinct a.carer_id) as carers
          from a
          where a.pool_sector <> a.sector
          group by 1, 2, 3, 4, 5, 6, 7, 8, 9) f
             join staff_pools sp on sp.id = f.pool_id
    group by f.ka, f.kw, f.kd, f.ks, f.kc, f.kp
)
select gr.ka, ar.name, gr.kw, gr.kd, gr.ks, gr.kc, co.name, gr.kp, sp.name,
       gr.commissioned_hours,
       gr.commissioned_people,
       gr.planned_hours,
       gr.planned_people,
       gr.planned_visits,
       gr.carers_rostered,
       gr.unassigned_hours,
       gr.unassigned_slots,
       gr.unassigned_people,
       gr.delivered_hours,
       gr.delivered_people,
       gr.not_delivered_hours,
       gr.not_delivered_people,
       gr.due_visits,
       gr.checked_in_visits,
       gr.late_visits,
       gr.missed_visits,
       gr.short_visits,
       gr.shift_hours,
       gr.absence_hours,
       gr.used_hours,
       gr.travel_hours,
       gr.workforce_carers,
       gr.continuity_sum,
       gr.continuity_units,
       gr.continuity_people,
       gr.health_on_social_care_hours,
       gr.social_care_on_health_hours,
       gr.cross_pool_carers,
       coalesce(rs.reasons, ''[]''::jsonb),
       coalesce(fl.flows, ''[]''::jsonb)
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
-- an unknown grouping or a reversed period.
drop function if exists reports_capacity(uuid, date, date, text[], date);
create function reports_capacity(p_area uuid, p_from date, p_to date, p_group_by text[], p_as_of date)
    returns table (
    area_id uuid,
    area_name text,
    week date,
    day date,
    sector text,
    commissioner_id uuid,
    commissioner_name text,
    pool_id uuid,
    pool_name text,
    commissioned_hours numeric,
    commissioned_people bigint,
    planned_hours numeric,
    planned_people bigint,
    planned_visits bigint,
    carers_rostered bigint,
    unassigned_hours numeric,
    unassigned_slots bigint,
    unassigned_people bigint,
    delivered_hours numeric,
    delivered_people bigint,
    not_delivered_hours numeric,
    not_delivered_people bigint,
    due_visits bigint,
    checked_in_visits bigint,
    late_visits bigint,
    missed_visits bigint,
    short_visits bigint,
    shift_hours numeric,
    absence_hours numeric,
    used_hours numeric,
    travel_hours numeric,
    workforce_carers bigint,
    continuity_sum numeric,
    continuity_units bigint,
    continuity_people bigint,
    health_on_social_care_hours numeric,
    social_care_on_health_hours numeric,
    cross_pool_carers bigint,
    leading_reasons jsonb,
    cross_pool_flows jsonb
    )
    language plpgsql stable security definer
    set search_path = public, pg_temp as
$$
declare
    caller_role  text := rls_role();
    caller_org   uuid := rls_organisation_id();
    access       record;
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
    return query select *
                 from reports_capacity_scoped(caller_role, caller_org, coalesce(access.owned, false), p_area,
                                              p_from, p_to, p_group_by, p_as_of);
end
$$;
