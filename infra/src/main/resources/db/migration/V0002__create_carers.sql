-- Skills, carers and what they hold, when they can work and when they are away; the users of
-- the built-in (demo) token issuer.

create table skills
(
    id          uuid primary key     default uuidv7(),
    code        text        not null,
    name        text        not null,
    category    text        not null,
    description text,
    archived_at timestamptz,
    version     bigint      not null default 0,
    change_seq  bigint      not null default nextval('row_change_seq'),
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    constraint skills_code_check check (code ~ '^[^[:space:]]{1,64}$'),
    constraint skills_code_key unique (code),
    constraint skills_name_check check (btrim(name) <> ''),
    constraint skills_category_check check (category in (
        'PERSONAL_CARE', 'MEDICATION', 'MOVING_AND_HANDLING', 'DELEGATED_CLINICAL_TASK',
        'DEMENTIA', 'END_OF_LIFE', 'REABLEMENT', 'NURSING', 'DOMESTIC', 'COMPANIONSHIP', 'OTHER'))
);

comment on table skills is
    'The shared skill catalogue (not a tenant table: one code means the same everywhere, so pools can be shared).';

create trigger skills_touch
    before update on skills
    for each row when (old.* is distinct from new.*)
execute function touch_row();

-- ---------------------------------------------------------------------------------------------
create table carers
(
    id                          uuid primary key     default uuidv7(),
    organisation_id             uuid             not null references organisations on delete restrict,
    pool_id                     uuid             not null,
    name                        text             not null,
    home_lat                    double precision not null,
    home_lon                    double precision not null,
    home_postcode               text,
    travel_mode                 text             not null default 'CAR',
    gender                      text,
    contracted_minutes_per_week integer,
    max_working_minutes_per_day integer,
    pay_model                   text             not null default 'HOURLY',
    pay_rate                    numeric(10, 2),
    external_ref                text,
    archived_at                 timestamptz,
    version                     bigint           not null default 0,
    change_seq                  bigint           not null default nextval('row_change_seq'),
    created_at                  timestamptz      not null default now(),
    updated_at                  timestamptz      not null default now(),
    constraint carers_pool_fkey foreign key (pool_id, organisation_id)
        references staff_pools (id, organisation_id) on delete restrict,
    constraint carers_name_check check (btrim(name) <> ''),
    constraint carers_home_lat_check check (home_lat between -90 and 90),
    constraint carers_home_lon_check check (home_lon between -180 and 180),
    constraint carers_travel_mode_check check (travel_mode in ('WALK', 'BICYCLE', 'CAR', 'PUBLIC_TRANSPORT')),
    constraint carers_gender_check check (gender in ('F', 'M', 'X')),
    constraint carers_contracted_minutes_per_week_check check (contracted_minutes_per_week between 0 and 10080),
    constraint carers_max_working_minutes_per_day_check check (max_working_minutes_per_day between 1 and 1440),
    constraint carers_pay_model_check check (pay_model in ('HOURLY', 'PER_CONTACT_HOUR', 'PER_VISIT')),
    constraint carers_pay_rate_check check (pay_rate >= 0),
    constraint carers_organisation_id_external_ref_key unique (organisation_id, external_ref),
    constraint carers_id_organisation_id_key unique (id, organisation_id)
);

comment on table carers is
    'Care workers (health or social care). Never deleted once they have worked: archived_at hides them.';
comment on column carers.pay_rate is 'Pounds per hour (HOURLY, PER_CONTACT_HOUR) or per visit (PER_VISIT).';

create index carers_pool_id_idx on carers (pool_id);

create trigger carers_touch
    before update on carers
    for each row when (old.* is distinct from new.*)
execute function touch_row();

-- ---------------------------------------------------------------------------------------------
create table carer_skills
(
    id              uuid primary key     default uuidv7(),
    organisation_id uuid        not null,
    carer_id        uuid        not null,
    skill_id        uuid        not null references skills on delete restrict,
    valid_from      date,
    valid_until     date,
    version         bigint      not null default 0,
    change_seq      bigint      not null default nextval('row_change_seq'),
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    constraint carer_skills_carer_fkey foreign key (carer_id, organisation_id)
        references carers (id, organisation_id) on delete cascade,
    constraint carer_skills_valid_until_check check (valid_until >= valid_from),
    constraint carer_skills_carer_id_skill_id_key unique (carer_id, skill_id)
);

comment on table carer_skills is 'A skill a carer holds; valid_until (inclusive, null = no expiry) is the training or competency expiry.';

create index carer_skills_skill_id_idx on carer_skills (skill_id);

create trigger carer_skills_touch
    before update on carer_skills
    for each row when (old.* is distinct from new.*)
execute function touch_row();

-- ---------------------------------------------------------------------------------------------
create table carer_availability
(
    id              uuid primary key     default uuidv7(),
    organisation_id uuid        not null,
    carer_id        uuid        not null,
    day_of_week     smallint    not null,
    start_time      time        not null,
    end_time        time        not null,
    valid_from      date,
    valid_to        date,
    version         bigint      not null default 0,
    change_seq      bigint      not null default nextval('row_change_seq'),
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    constraint carer_availability_carer_fkey foreign key (carer_id, organisation_id)
        references carers (id, organisation_id) on delete cascade,
    constraint carer_availability_day_of_week_check check (day_of_week between 1 and 7),
    constraint carer_availability_end_time_check check (end_time > start_time),
    constraint carer_availability_valid_to_check check (valid_to >= valid_from)
);

comment on table carer_availability is
    'A carer''s usual weekly pattern (ISO day 1 = Monday, Europe/London local times), from which dated shifts are generated.';

create index carer_availability_carer_id_idx on carer_availability (carer_id, day_of_week);

create trigger carer_availability_touch
    before update on carer_availability
    for each row when (old.* is distinct from new.*)
execute function touch_row();

-- ---------------------------------------------------------------------------------------------
create table shifts
(
    id              uuid primary key     default uuidv7(),
    organisation_id uuid        not null,
    carer_id        uuid        not null,
    starts_at       timestamptz not null,
    ends_at         timestamptz not null,
    start_lat       double precision,
    start_lon       double precision,
    end_lat         double precision,
    end_lon         double precision,
    locked          boolean     not null default false,
    note            text,
    version         bigint      not null default 0,
    change_seq      bigint      not null default nextval('row_change_seq'),
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    constraint shifts_carer_fkey foreign key (carer_id, organisation_id)
        references carers (id, organisation_id) on delete cascade,
    constraint shifts_ends_at_check check (ends_at > starts_at),
    constraint shifts_length_check check (ends_at - starts_at <= interval '24 hours'),
    constraint shifts_start_lat_check check (start_lat between -90 and 90),
    constraint shifts_start_lon_check check (start_lon between -180 and 180),
    constraint shifts_end_lat_check check (end_lat between -90 and 90),
    constraint shifts_end_lon_check check (end_lon between -180 and 180),
    constraint shifts_start_location_check check ((start_lat is null) = (start_lon is null)),
    constraint shifts_end_location_check check ((end_lat is null) = (end_lon is null))
);

comment on table shifts is
    'When a carer may be rostered (problem JSON carers[].shifts). Starts and ends at home unless a start or end location is given. locked: the coordinator locked this day, re-planning keeps it.';

create index shifts_carer_id_starts_at_idx on shifts (carer_id, starts_at);
create index shifts_organisation_id_starts_at_idx on shifts (organisation_id, starts_at);

create trigger shifts_touch
    before update on shifts
    for each row when (old.* is distinct from new.*)
execute function touch_row();

-- ---------------------------------------------------------------------------------------------
create table absences
(
    id              uuid primary key     default uuidv7(),
    organisation_id uuid        not null,
    carer_id        uuid        not null,
    starts_at       timestamptz not null,
    ends_at         timestamptz not null,
    kind            text        not null default 'OTHER',
    reason          text,
    version         bigint      not null default 0,
    change_seq      bigint      not null default nextval('row_change_seq'),
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    constraint absences_carer_fkey foreign key (carer_id, organisation_id)
        references carers (id, organisation_id) on delete cascade,
    constraint absences_ends_at_check check (ends_at > starts_at),
    constraint absences_kind_check
        check (kind in ('SICKNESS', 'ANNUAL_LEAVE', 'TRAINING', 'COMPASSIONATE', 'UNAVAILABLE', 'OTHER'))
);

comment on table absences is 'Recorded absence: the carer is never rostered inside it (a hard constraint).';

create index absences_carer_id_starts_at_idx on absences (carer_id, starts_at);
create index absences_organisation_id_starts_at_idx on absences (organisation_id, starts_at);

create trigger absences_touch
    before update on absences
    for each row when (old.* is distinct from new.*)
execute function touch_row();

-- ---------------------------------------------------------------------------------------------
create table app_users
(
    id              uuid primary key     default uuidv7(),
    organisation_id uuid        not null references organisations on delete restrict,
    username        text        not null,
    display_name    text,
    role            text        not null,
    carer_id        uuid,
    password_hash   text,
    last_login_at   timestamptz,
    disabled_at     timestamptz,
    version         bigint      not null default 0,
    change_seq      bigint      not null default nextval('row_change_seq'),
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    constraint app_users_carer_fkey foreign key (carer_id, organisation_id)
        references carers (id, organisation_id) on delete restrict,
    constraint app_users_username_check check (username ~ '^[^[:space:]]{1,128}$'),
    constraint app_users_role_check check (role in ('ADMIN', 'COORDINATOR', 'CARER', 'COMMISSIONER')),
    constraint app_users_carer_id_check check ((role = 'CARER') = (carer_id is not null)),
    constraint app_users_carer_id_key unique (carer_id)
);

comment on table app_users is
    'People who sign in (the built-in issuer''s users). A CARER user is linked to exactly one carer, and only a CARER user is.';

create unique index app_users_username_key on app_users (lower(username));

create trigger app_users_touch
    before update on app_users
    for each row when (old.* is distinct from new.*)
execute function touch_row();
