-- A carer reads their own staff pool (the team they belong to), and nothing else of staff_pools.

create function rls_my_pool(pool uuid) returns boolean
    language sql stable security invoker
    set search_path = public, pg_temp
    set carerota.role = 'SYSTEM' as
$$
select exists (select from carers c where c.id = rls_carer_id() and c.pool_id = pool)
$$;

comment on function rls_my_pool(uuid) is 'Is this the pool of the caller (a carer)?';

create policy carer_select on staff_pools for select
    using (rls_role() = 'CARER' and rls_my_pool(id));

drop policy carer_only_own_rows on staff_pools;
create policy carer_only_own_rows on staff_pools as restrictive
    using (rls_role() <> 'CARER' or coalesce(rls_my_pool(id), false))
    with check (rls_role() <> 'CARER' or coalesce(rls_my_pool(id), false));
