-- Plans (rotas: drafts and published), the routes and assignments a solution produces, the visits
-- it could not place and why, and which plan is the published one for each area and day.

create table plans
(
    id              uuid primary key     default uuidv7(),
    organisation_id uuid        not null references organisations on delete restrict,
    area_id         uuid        not null references areas on delete restrict,
    horizon_from    date        not null,
    horizon_to      date        not null,
    revision        integer     not null,
    base_plan_id    uuid        references plans on delete set null,
    status          text        not null default 'DRAFT',
    score           text,
    hard_score      bigint,
    medium_score    bigint,
    soft_score      bigint,
    feasible        boolean,
    metrics         jsonb       not null default '{}'::jsonb,
    solver_job_id   uuid,
    published_at    timestamptz,
    published_by    uuid        references app_users on delete set null,
    version         bigint      not null default 0,
    change_seq      bigint      not null default nextval('row_change_seq'),
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    constraint plans_horizon_to_check check (horizon_to >= horizon_from),
    constraint plans_horizon_length_check check (horizon_to - horizon_from < 31),
    constraint plans_revision_check check (revision > 0),
    constraint plans_status_check check (status in ('DRAFT', 'PUBLISHED', 'SUPERSEDED', 'DISCARDED')),
    constraint plans_published_at_check check ((status in ('PUBLISHED', 'SUPERSEDED')) = (published_at is not null)),
    constraint plans_metrics_check check (jsonb_typeof(metrics) = 'object'),
    constraint plans_base_plan_id_check check (base_plan_id <> id),
    constraint plans_area_id_revision_key unique (area_id, revision),
    constraint plans_id_organisation_id_key unique (id, organisation_id),
    constraint plans_id_area_id_key unique (id, area_id)
);

comment on table plans is
    'A rota for one area over a horizon of dates (inclusive, Europe/London days). revision numbers the plans of an area 1, 2, 3... (the "rota version" people see); version is only the optimistic lock. base_plan_id: the published plan a re-plan started from.';
comment on column plans.score is 'The planner''s score, e.g. 0hard/-60medium/-12345soft; hard/medium/soft_score hold its parts for sorting.';
comment on column plans.metrics is 'The solution''s metrics object (travelMinutes, unassignedMinutes, ...).';

create index plans_area_id_horizon_from_idx on plans (area_id, horizon_from);
create index plans_organisation_id_created_at_idx on plans (organisation_id, created_at);
create index plans_base_plan_id_idx on plans (base_plan_id) where base_plan_id is not null;
create index plans_solver_job_id_idx on plans (solver_job_id) where solver_job_id is not null;

create trigger plans_touch
    before update on plans
    for each row when (old.* is distinct from new.*)
execute function touch_row();

-- ---------------------------------------------------------------------------------------------
create table published_plan_days
(
    id              uuid primary key     default uuidv7(),
    organisation_id uuid        not null,
    area_id         uuid        not null,
    service_date    date        not null,
    plan_id         uuid        not null,
    version         bigint      not null default 0,
    change_seq      bigint      not null default nextval('row_change_seq'),
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    constraint published_plan_days_plan_fkey foreign key (plan_id, organisation_id)
        references plans (id, organisation_id) on delete restrict,
    constraint published_plan_days_plan_area_fkey foreign key (plan_id, area_id)
        references plans (id, area_id) on delete restrict,
    constraint published_plan_days_area_id_service_date_key unique (area_id, service_date)
);

comment on table published_plan_days is
    'Which plan is the published one for an area on a day: at most one, by the unique key. Publishing upserts a row per day of the plan''s horizon (a same-day re-plan takes over just its day); a plan that owns no day any more becomes SUPERSEDED. The current rota = assignments joined here on (plan_id, service_date): see the current_assignments view.';

create index published_plan_days_plan_id_idx on published_plan_days (plan_id);

create trigger published_plan_days_touch
    before update on published_plan_days
    for each row when (old.* is distinct from new.*)
execute function touch_row();

-- ---------------------------------------------------------------------------------------------
create table plan_routes
(
    id                     uuid primary key     default uuidv7(),
    organisation_id        uuid        not null,
    plan_id                uuid        not null,
    carer_id               uuid        not null references carers on delete restrict,
    shift_id               uuid        references shifts on delete set null,
    service_date           date        not null,
    leaves_at              timestamptz,
    returns_at             timestamptz,
    travel_minutes_to_end  numeric(8, 2),
    travel_km_to_end       numeric(8, 2),
    version                bigint      not null default 0,
    change_seq             bigint      not null default nextval('row_change_seq'),
    created_at             timestamptz not null default now(),
    updated_at             timestamptz not null default now(),
    constraint plan_routes_plan_fkey foreign key (plan_id, organisation_id)
        references plans (id, organisation_id) on delete cascade,
    constraint plan_routes_returns_at_check check (returns_at >= leaves_at),
    constraint plan_routes_travel_minutes_to_end_check check (travel_minutes_to_end >= 0),
    constraint plan_routes_travel_km_to_end_check check (travel_km_to_end >= 0),
    constraint plan_routes_plan_id_carer_id_service_date_key unique (plan_id, carer_id, service_date)
);

comment on table plan_routes is
    'One carer''s day in a plan (a solution "shift"): leaves home, back home, travel home after the last visit. Its visits are the assignments with the same plan, carer and service_date, ordered by position.';

create index plan_routes_carer_id_service_date_idx on plan_routes (carer_id, service_date);
create index plan_routes_shift_id_idx on plan_routes (shift_id) where shift_id is not null;

create trigger plan_routes_touch
    before update on plan_routes
    for each row when (old.* is distinct from new.*)
execute function touch_row();

-- ---------------------------------------------------------------------------------------------
create table assignments
(
    id                    uuid primary key     default uuidv7(),
    organisation_id       uuid        not null,
    plan_id               uuid        not null,
    visit_id              uuid        not null references visits on delete restrict,
    carer_id              uuid        not null references carers on delete restrict,
    slot_index            smallint    not null default 0,
    service_date          date        not null,
    position              integer     not null,
    arrival_at            timestamptz not null,
    start_at              timestamptz not null,
    end_at                timestamptz not null,
    travel_minutes_before numeric(8, 2) not null default 0,
    travel_km_before      numeric(8, 2) not null default 0,
    pinned                boolean     not null default false,
    manual                boolean     not null default false,
    broken_constraints    text[]      not null default '{}',
    version               bigint      not null default 0,
    change_seq            bigint      not null default nextval('row_change_seq'),
    created_at            timestamptz not null default now(),
    updated_at            timestamptz not null default now(),
    constraint assignments_plan_fkey foreign key (plan_id, organisation_id)
        references plans (id, organisation_id) on delete cascade,
    constraint assignments_slot_index_check check (slot_index between 0 and 3),
    constraint assignments_position_check check (position >= 0),
    constraint assignments_start_at_check check (start_at >= arrival_at),
    constraint assignments_end_at_check check (end_at > start_at),
    constraint assignments_travel_minutes_before_check check (travel_minutes_before >= 0),
    constraint assignments_travel_km_before_check check (travel_km_before >= 0),
    constraint assignments_plan_id_visit_id_slot_index_key unique (plan_id, visit_id, slot_index),
    constraint assignments_plan_id_visit_id_carer_id_key unique (plan_id, visit_id, carer_id)
);

comment on table assignments is
    'One carer serving one slot of a visit in a plan. A double-up (carers_required 2..4) has one row per slot_index, each a different carer. service_date repeats the visit''s day (for day views and for current_assignments). pinned: kept by re-planning; manual: placed by a coordinator, broken_constraints naming what the coordinator confirmed breaking.';

create index assignments_plan_id_carer_id_start_at_idx on assignments (plan_id, carer_id, start_at);
create index assignments_carer_id_service_date_idx on assignments (carer_id, service_date);
create index assignments_visit_id_idx on assignments (visit_id);

create trigger assignments_touch
    before update on assignments
    for each row when (old.* is distinct from new.*)
execute function touch_row();

-- ---------------------------------------------------------------------------------------------
create table unassigned_visits
(
    id              uuid primary key     default uuidv7(),
    organisation_id uuid        not null,
    plan_id         uuid        not null,
    visit_id        uuid        not null references visits on delete restrict,
    slot_index      smallint    not null default 0,
    service_date    date        not null,
    reasons         text[]      not null default '{}',
    version         bigint      not null default 0,
    change_seq      bigint      not null default nextval('row_change_seq'),
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    constraint unassigned_visits_plan_fkey foreign key (plan_id, organisation_id)
        references plans (id, organisation_id) on delete cascade,
    constraint unassigned_visits_slot_index_check check (slot_index between 0 and 3),
    constraint unassigned_visits_plan_id_visit_id_slot_index_key unique (plan_id, visit_id, slot_index)
);

comment on table unassigned_visits is
    'Visit slots a plan could not place (unmet need), with the planner''s reasons (constraint names / explanations). One row per unplaced slot: a double-up may have one slot assigned and one not.';

create index unassigned_visits_visit_id_idx on unassigned_visits (visit_id);

create trigger unassigned_visits_touch
    before update on unassigned_visits
    for each row when (old.* is distinct from new.*)
execute function touch_row();
