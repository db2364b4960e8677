-- Every write to a person's care record is audited by the database itself, whoever writes it
-- (reads are audited by the application, which alone knows what it showed). One audit event per
-- statement and table: the actor from the transaction's settings (carerota.user, carerota.role,
-- carerota.organisation_id, the same ones row-level security checks), the operation CREATE,
-- UPDATE or DELETE, and the ids of the rows written.

create function audit_personal_data_write() returns trigger
    language plpgsql
    security invoker
    set search_path = public, pg_temp as
$$
begin
    insert into audit_events (organisation_id, actor_user_id, actor_username, actor_role, operation, table_name,
                              record_ids)
    select coalesce(rls_organisation_id(), '00000000-0000-0000-0000-000000000000'::uuid),
           (select u.id from app_users u where lower(u.username) = lower(rls_user()) limit 1),
           coalesce(rls_user(), session_user),
           case when rls_role() = 'NONE' then 'SYSTEM' else rls_role() end,
           case tg_op when 'INSERT' then 'CREATE' else tg_op end,
           tg_table_name,
           array_agg(changed_rows.id)
    from changed_rows
    having count(*) > 0;
    return null;
end
$$;

comment on function audit_personal_data_write() is
    'Statement-level AFTER trigger: one audit_events row naming the actor and the ids written.';

do
$$
declare
    t text;
begin
    foreach t in array array ['service_users', 'service_user_carers', 'care_packages', 'visit_templates']
        loop
            execute format('create trigger %I after insert on %I referencing new table as changed_rows'
                               || ' for each statement execute function audit_personal_data_write()',
                           t || '_audit_insert', t);
            execute format('create trigger %I after update on %I referencing new table as changed_rows'
                               || ' for each statement execute function audit_personal_data_write()',
                           t || '_audit_update', t);
            execute format('create trigger %I after delete on %I referencing old table as changed_rows'
                               || ' for each statement execute function audit_personal_data_write()',
                           t || '_audit_delete', t);
        end loop;
end
$$;
