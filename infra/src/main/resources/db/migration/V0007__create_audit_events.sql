-- The audit log: who read or wrote what, when. Insert-only for everyone (a trigger rejects
-- UPDATE, DELETE and TRUNCATE; a retention job would have to disable it as the owner,
-- deliberately). No foreign keys: an audit record outlives the rows and users it names.

create table audit_events
(
    id              uuid primary key     default uuidv7(),
    occurred_at     timestamptz not null default now(),
    organisation_id uuid        not null,
    actor_user_id   uuid,
    actor_username  text        not null,
    actor_role      text        not null,
    operation       text        not null,
    table_name      text,
    record_ids      uuid[]      not null default '{}',
    details         jsonb,
    request_id      text,
    client_address  inet,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    constraint audit_events_actor_role_check
        check (actor_role in ('ADMIN', 'COORDINATOR', 'CARER', 'COMMISSIONER', 'SYSTEM')),
    constraint audit_events_operation_check check (operation ~ '^[A-Z][A-Z0-9_]{0,63}$')
);

comment on table audit_events is
    'Every read and write of personal data (actor, role, organisation, operation such as READ/CREATE/UPDATE/ARCHIVE/EXPORT/REVEAL_ACCESS_NOTES, table and record ids, time). organisation_id is the actor''s organisation. Insert-only.';

create index audit_events_organisation_id_occurred_at_idx on audit_events (organisation_id, occurred_at);
create index audit_events_actor_user_id_occurred_at_idx on audit_events (actor_user_id, occurred_at);
-- "who has looked at this person's record?"
create index audit_events_record_ids_idx on audit_events using gin (record_ids);

create trigger audit_events_insert_only
    before update or delete on audit_events
    for each row
execute function reject_modification();
create trigger audit_events_no_truncate
    before truncate on audit_events
    for each statement
execute function reject_modification();
