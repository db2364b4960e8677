-- Organisations, areas, staff pools and sharing agreements, plus the helpers every later
-- migration uses. Conventions (infra/README.md, "Schema"):
--   * every table: id uuid primary key (time-ordered uuidv7() unless the id comes from outside),
--     created_at, updated_at;
--   * rows that are edited: version (optimistic locking, owned by Spring Data's @Version) and
--     change_seq (stamped from one global sequence on every insert and real update);
--   * tenant tables: organisation_id not null, the one column row-level security filters on;
--   * enumerations are text + named CHECK constraints; instants are timestamptz; dates and
--     local times are Europe/London.

-- One global, ever-increasing stamp for "which rows changed since X" (sync, caches, reports).
create sequence row_change_seq as bigint;

-- BEFORE UPDATE on every edited table: keeps created_at, updated_at and change_seq honest
-- whatever the client sends (an entity saved with a null created_at keeps the stored one). It
-- never touches version: Spring Data R2DBC increments that itself.
create function touch_row() returns trigger
    language plpgsql as
$$
begin
    new.created_at := old.created_at;
    new.updated_at := now();
    new.change_seq := nextval('row_change_seq');
    return new;
end
$$;

comment on function touch_row() is
    'Keeps created_at, sets updated_at and a fresh change_seq on every real update (not version: the application owns it).';

-- Insert-only tables (visit events, audit events, the change feed) reject updates and deletes
-- through this trigger function, whoever the caller is.
create function reject_modification() returns trigger
    language plpgsql as
$$
begin
    raise exception '% on % is not allowed: the table is insert-only', tg_op, tg_table_name
        using errcode = 'insufficient_privilege';
end
$$;

comment on function reject_modification() is
    'Trigger function for insert-only tables: raises on UPDATE, DELETE or TRUNCATE.';

-- ---------------------------------------------------------------------------------------------
create table organisations
(
    id                         uuid primary key     default uuidv7(),
    name                       text        not null,
    kind                       text        not null,
    ods_code                   text,
    external_ref               text,
    -- planning settings (the "settings" object of the planner's problem JSON)
    auto_publish_same_day      boolean     not null default false,
    constraint_weights         jsonb       not null default '{}'::jsonb,
    minimum_hourly_wage        numeric(8, 2),
    rest_break_after_minutes   integer     not null default 360,
    rest_break_minutes         integer     not null default 20,
    idle_gap_threshold_minutes integer,
    -- travel model (problem JSON travel, STRAIGHT_LINE): great-circle km x detour factor at mode speed
    travel_detour_factor       numeric(4, 2) not null default 1.3,
    travel_speeds_kmh          jsonb       not null default '{}'::jsonb,
    archived_at                timestamptz,
    version                    bigint      not null default 0,
    change_seq                 bigint      not null default nextval('row_change_seq'),
    created_at                 timestamptz not null default now(),
    updated_at                 timestamptz not null default now(),
    constraint organisations_name_check check (btrim(name) <> ''),
    constraint organisations_kind_check
        check (kind in ('PROVIDER', 'NHS_TRUST', 'COUNCIL', 'ICB', 'SELF_FUNDED')),
    constraint organisations_ods_code_key unique (ods_code),
    constraint organisations_external_ref_key unique (external_ref),
    constraint organisations_constraint_weights_check check (jsonb_typeof(constraint_weights) = 'object'),
    constraint organisations_minimum_hourly_wage_check check (minimum_hourly_wage >= 0),
    constraint organisations_rest_break_after_minutes_check check (rest_break_after_minutes > 0),
    constraint organisations_rest_break_minutes_check check (rest_break_minutes >= 0),
    constraint organisations_idle_gap_threshold_minutes_check check (idle_gap_threshold_minutes >= 0),
    constraint organisations_travel_detour_factor_check check (travel_detour_factor >= 1),
    constraint organisations_travel_speeds_kmh_check check (jsonb_typeof(travel_speeds_kmh) = 'object')
);

comment on table organisations is
    'Providers, NHS trusts, councils and ICBs (SELF_FUNDED: the pseudo-commissioner of privately paid care). The tenant root: row-level security filters this table on id.';
comment on column organisations.auto_publish_same_day is
    'Same-day re-plans (absence, urgent visit, cancellation, overrun) are published at once instead of left as a draft.';
comment on column organisations.travel_speeds_kmh is
    'Travel mode -> km/h (WALK, BICYCLE, CAR, PUBLIC_TRANSPORT); missing modes use the planner defaults.';
comment on column organisations.constraint_weights is
    'Constraint name -> weight; overrides the planner defaults (problem JSON settings.weights).';

create trigger organisations_touch
    before update on organisations
    for each row when (old.* is distinct from new.*)
execute function touch_row();

-- ---------------------------------------------------------------------------------------------
create table areas
(
    id              uuid primary key     default uuidv7(),
    organisation_id uuid        not null references organisations on delete restrict,
    parent_id       uuid        references areas on delete restrict,
    kind            text        not null,
    name            text        not null,
    code            text,
    external_ref    text,
    archived_at     timestamptz,
    version         bigint      not null default 0,
    change_seq      bigint      not null default nextval('row_change_seq'),
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    constraint areas_kind_check check (kind in ('SYSTEM', 'PLACE', 'NEIGHBOURHOOD')),
    constraint areas_name_check check (btrim(name) <> ''),
    constraint areas_parent_id_check check (parent_id <> id),
    constraint areas_neighbourhood_parent_check check (kind <> 'NEIGHBOURHOOD' or parent_id is not null),
    constraint areas_organisation_id_parent_id_name_key unique nulls not distinct (organisation_id, parent_id, name),
    constraint areas_organisation_id_code_key unique (organisation_id, code),
    constraint areas_organisation_id_external_ref_key unique (organisation_id, external_ref)
);

comment on table areas is
    'Integrated care system geography: SYSTEM > PLACE > NEIGHBOURHOOD via parent_id. organisation_id is the commissioner (council or ICB) that defines the area.';

create index areas_parent_id_idx on areas (parent_id);

create trigger areas_touch
    before update on areas
    for each row when (old.* is distinct from new.*)
execute function touch_row();

-- ---------------------------------------------------------------------------------------------
create table staff_pools
(
    id                       uuid primary key     default uuidv7(),
    organisation_id          uuid           not null references organisations on delete restrict,
    name                     text           not null,
    sector                   text           not null,
    cost_per_hour            numeric(10, 2) not null default 0,
    serves_all_commissioners boolean        not null default false,
    external_ref             text,
    archived_at              timestamptz,
    version                  bigint         not null default 0,
    change_seq               bigint         not null default nextval('row_change_seq'),
    created_at               timestamptz    not null default now(),
    updated_at               timestamptz    not null default now(),
    constraint staff_pools_name_check check (btrim(name) <> ''),
    constraint staff_pools_sector_check check (sector in ('HEALTH', 'SOCIAL_CARE')),
    constraint staff_pools_cost_per_hour_check check (cost_per_hour >= 0),
    constraint staff_pools_organisation_id_name_key unique (organisation_id, name),
    constraint staff_pools_organisation_id_external_ref_key unique (organisation_id, external_ref),
    constraint staff_pools_id_organisation_id_key unique (id, organisation_id)
);

comment on table staff_pools is
    'A team of carers owned by one organisation: a social care agency, a council reablement team, an NHS community nursing team.';
comment on column staff_pools.cost_per_hour is
    'Extra cost of using this pool for another organisation''s visit (problem JSON pools[].costPerHour).';
comment on column staff_pools.serves_all_commissioners is
    'true: the pool may serve any commissioner (problem JSON: serves absent). false: only the commissioners of its sharing agreements valid on the visit date.';

create trigger staff_pools_touch
    before update on staff_pools
    for each row when (old.* is distinct from new.*)
execute function touch_row();

-- ---------------------------------------------------------------------------------------------
create table sharing_agreements
(
    id              uuid primary key     default uuidv7(),
    organisation_id uuid        not null,
    pool_id         uuid        not null,
    commissioner_id uuid        not null references organisations on delete restrict,
    valid_from      date        not null,
    valid_to        date,
    note            text,
    version         bigint      not null default 0,
    change_seq      bigint      not null default nextval('row_change_seq'),
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    constraint sharing_agreements_pool_fkey foreign key (pool_id, organisation_id)
        references staff_pools (id, organisation_id) on delete cascade,
    constraint sharing_agreements_valid_to_check check (valid_to >= valid_from),
    constraint sharing_agreements_pool_id_commissioner_id_valid_from_key
        unique (pool_id, commissioner_id, valid_from)
);

comment on table sharing_agreements is
    'Which commissioners a pool may serve, and when (valid_to inclusive, null = open-ended). organisation_id is the pool owner (denormalised, kept consistent by the composite foreign key); commissioner_id is the organisation served.';

create index sharing_agreements_commissioner_id_idx on sharing_agreements (commissioner_id);

create trigger sharing_agreements_touch
    before update on sharing_agreements
    for each row when (old.* is distinct from new.*)
execute function touch_row();
