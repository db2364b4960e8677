-- Issue 6: the published plan of an area-day is per organisation. Areas are shared geography (an
-- ICB's places and neighbourhoods), and several providers deliver care in the same area on the same
-- day, each with its own carers and its own rota. A key of (area, day) let only one of them publish;
-- the key is now (organisation, area, day). Publishing upserts on this key.
alter table published_plan_days
    drop constraint published_plan_days_area_id_service_date_key;

alter table published_plan_days
    add constraint published_plan_days_organisation_id_area_id_service_date_key
        unique (organisation_id, area_id, service_date);

-- the day view and the change feed find an area-day's published plans by (area, day)
create index published_plan_days_area_id_service_date_idx on published_plan_days (area_id, service_date);

comment on table published_plan_days is
    'Which plan is an organisation''s published one for an area on a day: at most one per (organisation, area, day), by the unique key (several providers may serve one area). Publishing upserts a row per day of the plan''s horizon (a same-day re-plan takes over just its day); a plan that owns no day any more becomes SUPERSEDED. The current rota = assignments joined here on (plan_id, service_date): see the current_assignments view.';
