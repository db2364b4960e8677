-- Issue 7 (carers' devices, performance): the access notes a carer may read today, for a set of
-- service users, in one set-based query.
--
-- Every sync pull reveals today's access notes to the carer. Read through the service_users
-- policies, each row costs three calls of V0100's per-row functions (carer_select and
-- carer_only_own_rows call rls_carer_serves_service_user, rls_may_read_access_notes calls
-- rls_carer_assigned_today), each a non-inlinable function with its own settings: measured with
-- pg_stat_statements at 9 ms and 1,600 buffer hits per pull for a carer with 26 visits today, three
-- quarters of the database time of the sync benchmark. This function answers the same question
-- once for the whole set: the rule is exactly rls_may_read_access_notes for a CARER (a visit to the
-- service user today, Europe/London, in a published rota, assigned to rls_carer_id(), not
-- cancelled), and it returns nothing for any other caller role.
--
-- caller_role is the caller's rls_role(), evaluated by the caller (the function runs as SYSTEM like
-- V0100's rls_* helpers, so it cannot read the caller's role itself): call it as
-- sync_access_notes_today(ids, rls_role()). Like the rest of V0100 it trusts the transaction's
-- carerota.* settings, which only the application sets.
create function sync_access_notes_today(service_users uuid[], caller_role text)
    returns table (service_user_id uuid, access_notes_ciphertext bytea, access_notes_key_id text)
    language sql stable security invoker
    set search_path = public, pg_temp
    set carerota.role = 'SYSTEM' as
$$
select s.id, s.access_notes_ciphertext, s.access_notes_key_id
from service_users s
where caller_role = 'CARER'
  and s.id = any (service_users)
  and s.access_notes_ciphertext is not null
  and s.id in (select v.service_user_id
               from assignments a
                        join published_plan_days d on d.plan_id = a.plan_id and d.service_date = a.service_date
                        join visits v on v.id = a.visit_id
               where a.carer_id = rls_carer_id()
                 and a.service_date = (now() at time zone 'Europe/London')::date
                 and v.status <> 'CANCELLED')
$$;

comment on function sync_access_notes_today(uuid[], text) is
    'Access notes (ciphertext) of the given service users that the calling carer may read today: the rule of rls_may_read_access_notes for a CARER, for a whole set at once; nothing for other roles. Call as sync_access_notes_today(ids, rls_role()).';
