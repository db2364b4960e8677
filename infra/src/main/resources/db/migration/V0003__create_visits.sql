-- Service users (the people cared for), their care packages with recurring visit templates, and
-- the dated visits those templates (or one-off requests) produce.

create table service_users
(
    id                      uuid primary key     default uuidv7(),
    organisation_id         uuid             not null references organisations on delete restrict,
    area_id                 uuid             not null references areas on delete restrict,
    name                    text             not null,
    address                 text,
    postcode                text,
    lat                     double precision not null,
    lon                     double precision not null,
    gender                  text,
    gender_preference       text,
    access_notes_ciphertext bytea,
    access_notes_key_id     text,
    external_ref            text,
    archived_at             timestamptz,
    version                 bigint           not null default 0,
    change_seq              bigint           not null default nextval('row_change_seq'),
    created_at              timestamptz      not null default now(),
    updated_at              timestamptz      not null default now(),
    constraint service_users_name_check check (btrim(name) <> ''),
    constraint service_users_lat_check check (lat between -90 and 90),
    constraint service_users_lon_check check (lon between -180 and 180),
    constraint service_users_gender_check check (gender in ('F', 'M', 'X')),
    constraint service_users_gender_preference_check check (gender_preference in ('F', 'M')),
    constraint service_users_access_notes_check
        check ((access_notes_ciphertext is null) = (access_notes_key_id is null)),
    constraint service_users_organisation_id_external_ref_key unique (organisation_id, external_ref),
    constraint service_users_id_organisation_id_key unique (id, organisation_id)
);

comment on table service_users is 'People supported at home.';
comment on column service_users.gender_preference is 'Preferred carer gender; null = no preference.';
comment on column service_users.access_notes_ciphertext is
    'Access notes (key safe codes...) encrypted by the application (AES-GCM; the application defines the byte layout, e.g. nonce || ciphertext || tag). Never plain text.';
comment on column service_users.access_notes_key_id is 'Identifies the key that encrypted access_notes_ciphertext (key rotation).';

create index service_users_area_id_idx on service_users (area_id);

create trigger service_users_touch
    before update on service_users
    for each row when (old.* is distinct from new.*)
execute function touch_row();

-- ---------------------------------------------------------------------------------------------
create table service_user_carers
(
    id              uuid primary key     default uuidv7(),
    organisation_id uuid        not null,
    service_user_id uuid        not null,
    carer_id        uuid        not null references carers on delete cascade,
    relation        text        not null,
    note            text,
    version         bigint      not null default 0,
    change_seq      bigint      not null default nextval('row_change_seq'),
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    constraint service_user_carers_service_user_fkey foreign key (service_user_id, organisation_id)
        references service_users (id, organisation_id) on delete cascade,
    constraint service_user_carers_relation_check check (relation in ('PREFERRED', 'BANNED', 'REGULAR')),
    constraint service_user_carers_service_user_id_carer_id_relation_key
        unique (service_user_id, carer_id, relation)
);

comment on table service_user_carers is
    'Links a service user to a carer: PREFERRED (soft), BANNED (hard: never together), REGULAR (continuity of care). A carer is never both preferred and banned for one person. The carer may belong to another organisation (shared pools).';

-- preferred and banned exclude each other
create unique index service_user_carers_preference_key
    on service_user_carers (service_user_id, carer_id) where relation in ('PREFERRED', 'BANNED');
create index service_user_carers_carer_id_idx on service_user_carers (carer_id);

create trigger service_user_carers_touch
    before update on service_user_carers
    for each row when (old.* is distinct from new.*)
execute function touch_row();

-- ---------------------------------------------------------------------------------------------
create table care_packages
(
    id                         uuid primary key     default uuidv7(),
    organisation_id            uuid        not null,
    service_user_id            uuid        not null,
    commissioner_id            uuid        not null references organisations on delete restrict,
    reference                  text,
    starts_on                  date        not null,
    ends_on                    date,
    lateness_tolerance_minutes integer     not null default 15,
    note                       text,
    external_ref               text,
    archived_at                timestamptz,
    version                    bigint      not null default 0,
    change_seq                 bigint      not null default nextval('row_change_seq'),
    created_at                 timestamptz not null default now(),
    updated_at                 timestamptz not null default now(),
    constraint care_packages_service_user_fkey foreign key (service_user_id, organisation_id)
        references service_users (id, organisation_id) on delete restrict,
    constraint care_packages_ends_on_check check (ends_on >= starts_on),
    constraint care_packages_lateness_tolerance_minutes_check check (lateness_tolerance_minutes between 0 and 1440),
    constraint care_packages_organisation_id_external_ref_key unique (organisation_id, external_ref),
    constraint care_packages_id_organisation_id_key unique (id, organisation_id)
);

comment on table care_packages is
    'Care commissioned for one person by one commissioner (council, ICB, self-funded), from starts_on to ends_on (inclusive, null = open-ended).';
comment on column care_packages.lateness_tolerance_minutes is
    'A visit starting later than its window end plus this many minutes counts as late in reports (the contract''s tolerance).';

create index care_packages_service_user_id_idx on care_packages (service_user_id);
create index care_packages_commissioner_id_idx on care_packages (commissioner_id, starts_on);

create trigger care_packages_touch
    before update on care_packages
    for each row when (old.* is distinct from new.*)
execute function touch_row();

-- ---------------------------------------------------------------------------------------------
create table visit_templates
(
    id                         uuid primary key     default uuidv7(),
    organisation_id            uuid        not null,
    care_package_id            uuid        not null,
    label                      text,
    days_of_week               smallint[]  not null,
    every_weeks                smallint    not null default 1,
    window_start               time        not null,
    window_end                 time        not null,
    preferred_start            time,
    duration_minutes           integer     not null,
    carers_required            smallint    not null default 1,
    priority                   text        not null default 'NORMAL',
    tasks                      jsonb       not null default '[]'::jsonb,
    depends_on_template_id     uuid,
    dependency_min_gap_minutes integer,
    dependency_max_gap_minutes integer,
    valid_from                 date,
    valid_to                   date,
    version                    bigint      not null default 0,
    change_seq                 bigint      not null default nextval('row_change_seq'),
    created_at                 timestamptz not null default now(),
    updated_at                 timestamptz not null default now(),
    constraint visit_templates_care_package_fkey foreign key (care_package_id, organisation_id)
        references care_packages (id, organisation_id) on delete cascade,
    constraint visit_templates_depends_on_template_fkey foreign key (depends_on_template_id)
        references visit_templates on delete set null,
    constraint visit_templates_days_of_week_check
        check (cardinality(days_of_week) between 1 and 7 and days_of_week <@ '{1,2,3,4,5,6,7}'::smallint[]),
    constraint visit_templates_every_weeks_check check (every_weeks between 1 and 4),
    constraint visit_templates_window_end_check check (window_end > window_start),
    constraint visit_templates_preferred_start_check check (preferred_start between window_start and window_end),
    constraint visit_templates_duration_minutes_check check (duration_minutes between 1 and 1440),
    constraint visit_templates_carers_required_check check (carers_required between 1 and 4),
    constraint visit_templates_priority_check check (priority in ('TIME_CRITICAL', 'HIGH', 'NORMAL', 'LOW')),
    constraint visit_templates_tasks_check check (jsonb_typeof(tasks) = 'array'),
    constraint visit_templates_depends_on_template_id_check check (depends_on_template_id <> id),
    constraint visit_templates_dependency_check check (
        (depends_on_template_id is not null or (dependency_min_gap_minutes is null and dependency_max_gap_minutes is null))
        and dependency_min_gap_minutes >= 0
        and dependency_max_gap_minutes >= coalesce(dependency_min_gap_minutes, 0)),
    constraint visit_templates_valid_to_check check (valid_to >= valid_from),
    constraint visit_templates_id_organisation_id_key unique (id, organisation_id)
);

comment on table visit_templates is
    'A recurring visit of a care package: on the ISO days of week (1 = Monday) every every_weeks weeks (counted from the package''s starts_on week), with a window of Europe/London local times (window_end = latest acceptable start; no window crosses midnight).';
comment on column visit_templates.tasks is
    'JSON array of task objects, e.g. [{"code":"meds","description":"Prompt morning medication","medication":true}].';

create index visit_templates_care_package_id_idx on visit_templates (care_package_id);

create trigger visit_templates_touch
    before update on visit_templates
    for each row when (old.* is distinct from new.*)
execute function touch_row();

create table visit_template_skills
(
    id              uuid primary key     default uuidv7(),
    organisation_id uuid        not null,
    template_id     uuid        not null,
    skill_id        uuid        not null references skills on delete restrict,
    version         bigint      not null default 0,
    change_seq      bigint      not null default nextval('row_change_seq'),
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    constraint visit_template_skills_template_fkey foreign key (template_id, organisation_id)
        references visit_templates (id, organisation_id) on delete cascade,
    constraint visit_template_skills_template_id_skill_id_key unique (template_id, skill_id)
);

comment on table visit_template_skills is 'Skills every carer of a template''s visits must hold.';

create index visit_template_skills_skill_id_idx on visit_template_skills (skill_id);

create trigger visit_template_skills_touch
    before update on visit_template_skills
    for each row when (old.* is distinct from new.*)
execute function touch_row();

-- ---------------------------------------------------------------------------------------------
create table visits
(
    id                         uuid primary key     default uuidv7(),
    organisation_id            uuid        not null,
    service_user_id            uuid        not null,
    commissioner_id            uuid        not null references organisations on delete restrict,
    care_package_id            uuid,
    template_id                uuid,
    area_id                    uuid        not null references areas on delete restrict,
    window_start               timestamptz not null,
    window_end                 timestamptz not null,
    preferred_start            timestamptz,
    -- the Europe/London calendar day of the visit: the key for day views, plans and reports
    service_date               date        not null
        generated always as ((window_start at time zone 'Europe/London')::date) stored,
    duration_minutes           integer     not null,
    carers_required            smallint    not null default 1,
    priority                   text        not null default 'NORMAL',
    status                     text        not null default 'PLANNED',
    cancelled_at               timestamptz,
    cancellation_reason        text,
    tasks                      jsonb       not null default '[]'::jsonb,
    depends_on_visit_id        uuid,
    dependency_min_gap_minutes integer,
    dependency_max_gap_minutes integer,
    note                       text,
    external_ref               text,
    version                    bigint      not null default 0,
    change_seq                 bigint      not null default nextval('row_change_seq'),
    created_at                 timestamptz not null default now(),
    updated_at                 timestamptz not null default now(),
    constraint visits_service_user_fkey foreign key (service_user_id, organisation_id)
        references service_users (id, organisation_id) on delete restrict,
    constraint visits_care_package_fkey foreign key (care_package_id, organisation_id)
        references care_packages (id, organisation_id) on delete restrict,
    constraint visits_template_fkey foreign key (template_id, organisation_id)
        references visit_templates (id, organisation_id) on delete set null (template_id),
    constraint visits_depends_on_visit_fkey foreign key (depends_on_visit_id)
        references visits on delete set null,
    constraint visits_window_end_check check (window_end > window_start),
    constraint visits_preferred_start_check check (preferred_start between window_start and window_end),
    constraint visits_duration_minutes_check check (duration_minutes between 1 and 1440),
    constraint visits_carers_required_check check (carers_required between 1 and 4),
    constraint visits_priority_check check (priority in ('TIME_CRITICAL', 'HIGH', 'NORMAL', 'LOW')),
    constraint visits_status_check
        check (status in ('PLANNED', 'IN_PROGRESS', 'DELIVERED', 'NOT_DELIVERED', 'CANCELLED')),
    constraint visits_cancelled_at_check check ((status = 'CANCELLED') = (cancelled_at is not null)),
    constraint visits_template_id_check check (template_id is null or care_package_id is not null),
    constraint visits_tasks_check check (jsonb_typeof(tasks) = 'array'),
    constraint visits_depends_on_visit_id_check check (depends_on_visit_id <> id),
    constraint visits_dependency_check check (
        (depends_on_visit_id is not null or (dependency_min_gap_minutes is null and dependency_max_gap_minutes is null))
        and dependency_min_gap_minutes >= 0
        and dependency_max_gap_minutes >= coalesce(dependency_min_gap_minutes, 0)),
    constraint visits_organisation_id_external_ref_key unique (organisation_id, external_ref),
    constraint visits_id_organisation_id_key unique (id, organisation_id)
);

comment on table visits is
    'A dated visit, expanded from a visit template or one-off. window_start = earliest start, window_end = latest acceptable start (hard for TIME_CRITICAL); instants in UTC, service_date is the Europe/London day.';
comment on column visits.status is
    'PLANNED (to be or being rostered), IN_PROGRESS / DELIVERED / NOT_DELIVERED (kept in step with visit_events by the sync ingest), CANCELLED.';
comment on column visits.dependency_min_gap_minutes is
    'This visit starts between min and max gap minutes after depends_on_visit_id starts, by a different carer; 0/0 = together.';

-- a template yields at most one visit a day: expansion is idempotent (insert ... on conflict do nothing)
create unique index visits_template_id_service_date_key on visits (template_id, service_date) where template_id is not null;
create index visits_area_id_window_start_idx on visits (area_id, window_start);
create index visits_service_user_id_window_start_idx on visits (service_user_id, window_start);
create index visits_organisation_id_service_date_idx on visits (organisation_id, service_date);
create index visits_commissioner_id_service_date_idx on visits (commissioner_id, service_date);
create index visits_care_package_id_idx on visits (care_package_id);
create index visits_depends_on_visit_id_idx on visits (depends_on_visit_id) where depends_on_visit_id is not null;

-- no "when (old.* is distinct from new.*)" here: PostgreSQL does not allow whole-row NEW in a
-- BEFORE trigger's condition on a table with a generated column, so every update stamps.
create trigger visits_touch
    before update on visits
    for each row
execute function touch_row();

create table visit_required_skills
(
    id              uuid primary key     default uuidv7(),
    organisation_id uuid        not null,
    visit_id        uuid        not null,
    skill_id        uuid        not null references skills on delete restrict,
    version         bigint      not null default 0,
    change_seq      bigint      not null default nextval('row_change_seq'),
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    constraint visit_required_skills_visit_fkey foreign key (visit_id, organisation_id)
        references visits (id, organisation_id) on delete cascade,
    constraint visit_required_skills_visit_id_skill_id_key unique (visit_id, skill_id)
);

comment on table visit_required_skills is 'Skills every carer of the visit must hold, in date on the visit day.';

create index visit_required_skills_skill_id_idx on visit_required_skills (skill_id);

create trigger visit_required_skills_touch
    before update on visit_required_skills
    for each row when (old.* is distinct from new.*)
execute function touch_row();
