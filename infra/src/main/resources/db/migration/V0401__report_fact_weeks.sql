-- Report facts by ISO week (issue 8): the people of a whole week in one row each, so that a
-- month's report counts distinct people and continuity over ≈ 5 rows per person instead of ≈ 30.
-- Derived from reporting.care_people by reports_refresh (R__reports.sql); a week is used only
-- while none of its days has been recomputed since (refresh_seq orders the two).

create sequence reporting.refresh_seq;

alter table reporting.fact_days
    add column refreshed_seq bigint not null default nextval('reporting.refresh_seq');

-- Weeks whose rows are in care_people_weeks, and when (in refresh_seq order).
create table reporting.fact_weeks
(
    week         date primary key,
    computed_seq bigint not null
);

-- care_people over the ISO week starting on "week" (a Monday): flags OR-ed over its days, the
-- distinct carers of the week (pool_id null rows only).
create table reporting.care_people_weeks
(
    week            date     not null,
    organisation_id uuid     not null,
    area_id         uuid     not null,
    commissioner_id uuid     not null,
    sector          text     not null,
    pool_id         uuid,
    person          uuid     not null,
    flags           smallint not null,
    carers          uuid[]
);
create index care_people_weeks_week_idx on reporting.care_people_weeks (week);
