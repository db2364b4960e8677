-- Carers' devices: registered devices, delivered-care events (insert-only facts), the quarantine
-- for rejected events, the per-carer change feed (outbox) with its sequence, read receipts and
-- calendar feed tokens.

create table devices
(
    id              uuid primary key     default uuidv7(),
    organisation_id uuid        not null,
    carer_id        uuid        not null,
    label           text,
    platform        text,
    app_version     text,
    schema_version  integer,
    last_seen_at    timestamptz,
    revoked_at      timestamptz,
    version         bigint      not null default 0,
    change_seq      bigint      not null default nextval('row_change_seq'),
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    constraint devices_carer_fkey foreign key (carer_id, organisation_id)
        references carers (id, organisation_id) on delete cascade,
    constraint devices_id_carer_id_organisation_id_key unique (id, carer_id, organisation_id)
);

comment on table devices is
    'A carer''s phone or browser install. The id may be generated on the device. Revoke (revoked_at) rather than delete once it has sent events.';

create index devices_carer_id_idx on devices (carer_id);

create trigger devices_touch
    before update on devices
    for each row when (old.* is distinct from new.*)
execute function touch_row();

-- ---------------------------------------------------------------------------------------------
create table visit_events
(
    -- generated on the device: ingest is idempotent on it (insert ... on conflict (id) do nothing)
    id                  uuid primary key,
    organisation_id     uuid             not null,
    carer_id            uuid             not null references carers on delete restrict,
    visit_id            uuid             not null,
    device_id           uuid             references devices on delete restrict,
    kind                text             not null,
    device_time         timestamptz      not null,
    device_elapsed_ms   bigint,
    received_at         timestamptz      not null default now(),
    lat                 double precision,
    lon                 double precision,
    accuracy_m          double precision,
    verification_method text             not null default 'MANUAL',
    task_code           text,
    reason              text,
    note                text,
    payload             jsonb            not null default '{}'::jsonb,
    flags               text[]           not null default '{}',
    created_at          timestamptz      not null default now(),
    updated_at          timestamptz      not null default now(),
    constraint visit_events_visit_fkey foreign key (visit_id, organisation_id)
        references visits (id, organisation_id) on delete restrict,
    constraint visit_events_kind_check check (kind in
        ('CHECK_IN', 'CHECK_OUT', 'TASK_DONE', 'TASK_NOT_DONE', 'NOTE', 'COULD_NOT_DELIVER')),
    constraint visit_events_device_elapsed_ms_check check (device_elapsed_ms >= 0),
    constraint visit_events_lat_check check (lat between -90 and 90),
    constraint visit_events_lon_check check (lon between -180 and 180),
    constraint visit_events_location_check check ((lat is null) = (lon is null)),
    constraint visit_events_accuracy_m_check check (accuracy_m >= 0),
    constraint visit_events_verification_method_check
        check (verification_method in ('GPS', 'QR', 'NFC', 'MANUAL')),
    constraint visit_events_task_code_check
        check (kind not in ('TASK_DONE', 'TASK_NOT_DONE') or task_code is not null),
    constraint visit_events_reason_check
        check (kind not in ('TASK_NOT_DONE', 'COULD_NOT_DELIVER') or reason is not null),
    constraint visit_events_payload_check check (jsonb_typeof(payload) = 'object')
);

comment on table visit_events is
    'Delivered care as reported by carers'' devices: facts, insert-only (a trigger rejects UPDATE, DELETE and TRUNCATE; a correction is a new event). organisation_id is the visit''s organisation (the owner of the care record). flags are set at ingest, e.g. CLOCK_SKEW, REASSIGNED (the visit was re-assigned while the device was offline), OUTSIDE_WINDOW, LOCATION_MISMATCH.';
comment on column visit_events.device_time is 'The device''s wall clock when the event happened.';
comment on column visit_events.device_elapsed_ms is 'The device''s monotonic clock (ms since boot) when the event happened: orders events and estimates skew.';
comment on column visit_events.received_at is 'When the server first received the event.';

create index visit_events_visit_id_device_time_idx on visit_events (visit_id, device_time);
create index visit_events_carer_id_received_at_idx on visit_events (carer_id, received_at);
create index visit_events_organisation_id_received_at_idx on visit_events (organisation_id, received_at);
create index visit_events_device_id_idx on visit_events (device_id) where device_id is not null;
create index visit_events_flagged_idx on visit_events (organisation_id, received_at) where flags <> '{}';

create trigger visit_events_insert_only
    before update or delete on visit_events
    for each row
execute function reject_modification();
create trigger visit_events_no_truncate
    before truncate on visit_events
    for each statement
execute function reject_modification();

-- ---------------------------------------------------------------------------------------------
create table quarantined_events
(
    id                uuid primary key     default uuidv7(),
    organisation_id   uuid        not null,
    carer_id          uuid        not null,
    device_id         uuid,
    claimed_event_id  text,
    claimed_visit_id  text,
    raw               jsonb       not null,
    reason_code       text        not null,
    reason            text,
    received_at       timestamptz not null default now(),
    resolved_at       timestamptz,
    resolved_by       uuid        references app_users on delete set null,
    resolution        text,
    version           bigint      not null default 0,
    change_seq        bigint      not null default nextval('row_change_seq'),
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    constraint quarantined_events_carer_fkey foreign key (carer_id, organisation_id)
        references carers (id, organisation_id) on delete restrict,
    constraint quarantined_events_reason_code_check check (reason_code ~ '^[A-Z][A-Z0-9_]{0,63}$')
);

comment on table quarantined_events is
    'Pushed events that were rejected (malformed, unknown visit, another carer''s visit, timestamps far off, oversize...): kept as received, never dropped, for a coordinator to resolve. carer_id/organisation_id are the authenticated pusher''s; claimed_* are what the event said (text: they may be malformed).';

-- a retried rejected event is quarantined once (insert ... on conflict do nothing)
create unique index quarantined_events_carer_id_claimed_event_id_key
    on quarantined_events (carer_id, claimed_event_id) where claimed_event_id is not null;
create index quarantined_events_unresolved_idx on quarantined_events (organisation_id, received_at) where resolved_at is null;

create trigger quarantined_events_touch
    before update on quarantined_events
    for each row when (old.* is distinct from new.*)
execute function touch_row();

-- ---------------------------------------------------------------------------------------------
-- The per-carer change feed. seq is per carer, assigned by a trigger from carer_feed_heads under
-- that carer's row lock, so for any one carer seq order is commit order and a reader that has
-- seen seq N can never later find a committed row below N (see infra/README.md).
create table carer_feed_heads
(
    id                 uuid primary key     default uuidv7(),
    organisation_id    uuid        not null,
    carer_id           uuid        not null,
    last_seq           bigint      not null default 0,
    pruned_through_seq bigint      not null default 0,
    created_at         timestamptz not null default now(),
    updated_at         timestamptz not null default now(),
    constraint carer_feed_heads_carer_fkey foreign key (carer_id, organisation_id)
        references carers (id, organisation_id) on delete cascade,
    constraint carer_feed_heads_pruned_through_seq_check check (pruned_through_seq between 0 and last_seq),
    constraint carer_feed_heads_carer_id_key unique (carer_id)
);

comment on table carer_feed_heads is
    'The last change-feed seq given to each carer (maintained by the change_feed insert trigger) and how far the feed has been pruned: a device cursor below pruned_through_seq cannot be served and gets a reset.';

create table change_feed
(
    id              uuid primary key     default uuidv7(),
    organisation_id uuid        not null,
    carer_id        uuid        not null,
    seq             bigint      not null,
    entity_type     text        not null,
    entity_id       uuid        not null,
    op              text        not null,
    payload         jsonb,
    plan_id         uuid        references plans on delete restrict,
    plan_revision   integer,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    constraint change_feed_carer_fkey foreign key (carer_id, organisation_id)
        references carers (id, organisation_id) on delete cascade,
    constraint change_feed_seq_check check (seq > 0),
    constraint change_feed_entity_type_check check (entity_type in
        ('ASSIGNMENT', 'VISIT', 'SERVICE_USER', 'ACCESS_NOTE', 'SHIFT', 'ABSENCE', 'CARER', 'PLAN')),
    constraint change_feed_op_check check (op in ('UPSERT', 'DELETE')),
    constraint change_feed_payload_check check (op = 'DELETE' or payload is not null),
    constraint change_feed_carer_id_seq_key unique (carer_id, seq)
);

comment on table change_feed is
    'Per-carer outbox of published changes, written in the same transaction as the change. seq is assigned by the trigger (any supplied value is replaced). op DELETE is a tombstone (payload may be null). Rows are never updated; old rows may be pruned (raise carer_feed_heads.pruned_through_seq in the same transaction).';
comment on column change_feed.organisation_id is 'The carer''s organisation (the feed belongs to the carer).';

create index change_feed_plan_id_idx on change_feed (plan_id) where plan_id is not null;

create function assign_change_feed_seq() returns trigger
    language plpgsql as
$$
begin
    insert into carer_feed_heads as h (carer_id, organisation_id, last_seq)
    values (new.carer_id, new.organisation_id, 1)
    on conflict (carer_id) do update set last_seq = h.last_seq + 1, updated_at = now()
    returning h.last_seq into new.seq;
    return new;
end
$$;

comment on function assign_change_feed_seq() is
    'Gives each change_feed row the next seq of its carer; the upsert locks the carer''s head row until commit, serialising feed writers per carer.';

create trigger change_feed_assign_seq
    before insert on change_feed
    for each row
execute function assign_change_feed_seq();
-- Live updates across instances: one notification per carer per committing transaction
-- (PostgreSQL folds identical payloads of a transaction and delivers them only on commit).
-- Listeners (LISTEN change_feed) receive the carer id and tell that carer's devices to pull.
create function notify_change_feed() returns trigger
    language plpgsql as
$$
begin
    perform pg_notify('change_feed', new.carer_id::text);
    return null;
end
$$;

create trigger change_feed_notify
    after insert on change_feed
    for each row
execute function notify_change_feed();

create trigger change_feed_no_update
    before update on change_feed
    for each row
execute function reject_modification();

-- ---------------------------------------------------------------------------------------------
create table device_read_receipts
(
    id                         uuid primary key     default uuidv7(),
    organisation_id            uuid        not null,
    carer_id                   uuid        not null,
    device_id                  uuid        not null,
    acknowledged_seq           bigint      not null default 0,
    acknowledged_plan_revision integer,
    acknowledged_at            timestamptz not null default now(),
    version                    bigint      not null default 0,
    change_seq                 bigint      not null default nextval('row_change_seq'),
    created_at                 timestamptz not null default now(),
    updated_at                 timestamptz not null default now(),
    constraint device_read_receipts_device_fkey foreign key (device_id, carer_id, organisation_id)
        references devices (id, carer_id, organisation_id) on delete cascade,
    constraint device_read_receipts_acknowledged_seq_check check (acknowledged_seq >= 0),
    constraint device_read_receipts_device_id_key unique (device_id)
);

comment on table device_read_receipts is
    'The latest change-feed seq (and plan revision) each device has acknowledged holding: one row per device, upserted, never moved backwards by the application. A carer has received a change when some device''s acknowledged_seq >= the change''s seq.';

create index device_read_receipts_carer_id_idx on device_read_receipts (carer_id);

create trigger device_read_receipts_touch
    before update on device_read_receipts
    for each row when (old.* is distinct from new.*)
execute function touch_row();

-- ---------------------------------------------------------------------------------------------
create table calendar_feed_tokens
(
    id              uuid primary key     default uuidv7(),
    organisation_id uuid        not null,
    carer_id        uuid        not null,
    token_hash      bytea       not null,
    label           text,
    last_used_at    timestamptz,
    expires_at      timestamptz,
    revoked_at      timestamptz,
    version         bigint      not null default 0,
    change_seq      bigint      not null default nextval('row_change_seq'),
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    constraint calendar_feed_tokens_carer_fkey foreign key (carer_id, organisation_id)
        references carers (id, organisation_id) on delete cascade,
    constraint calendar_feed_tokens_token_hash_check check (octet_length(token_hash) = 32),
    constraint calendar_feed_tokens_token_hash_key unique (token_hash)
);

comment on table calendar_feed_tokens is
    'Private iCalendar feed URLs: only the SHA-256 of the token is stored. Revoke with revoked_at.';

create index calendar_feed_tokens_carer_id_idx on calendar_feed_tokens (carer_id);

create trigger calendar_feed_tokens_touch
    before update on calendar_feed_tokens
    for each row when (old.* is distinct from new.*)
execute function touch_row();
