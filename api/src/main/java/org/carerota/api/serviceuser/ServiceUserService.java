package org.carerota.api.serviceuser;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.carerota.api.security.AccessNotes;
import org.carerota.api.security.AuditLog;
import org.carerota.api.shared.database.Transactions;
import org.carerota.api.shared.pagination.Keyset;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Window;
import org.springframework.stereotype.Service;

import reactor.core.publisher.Mono;

/** Service users as the caller may see them. */
@Service
public class ServiceUserService {

    private final Transactions transactions;
    private final ServiceUserRepository repository;
    private final AuditLog auditLog;
    private final AccessNotes accessNotes;

    ServiceUserService(
            Transactions transactions, ServiceUserRepository repository, AuditLog auditLog, AccessNotes accessNotes) {
        this.transactions = transactions;
        this.repository = repository;
        this.auditLog = auditLog;
        this.accessNotes = accessNotes;
    }

    /** A carer on one of a person's lists: {@code relation} is PREFERRED, BANNED or REGULAR. */
    public record CarerLink(UUID serviceUserId, UUID carerId, String relation) {}

    /** The carer ids on the people's {@code relation} list (PREFERRED, BANNED, REGULAR), by person. */
    public Mono<Map<UUID, List<UUID>>> carerIds(Collection<UUID> ids, String relation) {
        return transactions
                .readMany(db -> repository.carerLinks(db, ids))
                .filter(link -> link.relation().equals(relation))
                .collect(Collectors.groupingBy(
                        CarerLink::serviceUserId, Collectors.mapping(CarerLink::carerId, Collectors.toList())));
    }

    /** Decrypted access notes of those of {@code ids} the caller may see today (audited). */
    public Mono<Map<UUID, String>> accessNotes(Collection<UUID> ids) {
        return accessNotes.revealAll(ids);
    }

    public Mono<Window<ServiceUser>> serviceUsers(Keyset page, @Nullable UUID area) {
        return transactions
                .readMany(db -> repository.page(db, page, area))
                .collectList()
                .flatMap(
                        rows -> audited(rows, rows.stream().map(ServiceUser::id).toList()))
                .map(rows -> page.window(
                        rows, su -> Map.of("name", su.name(), "id", su.id().toString())));
    }

    public Mono<ServiceUser> serviceUser(UUID id) {
        return transactions
                .read(db -> repository.byIds(db, List.of(id)).next())
                .flatMap(su -> audited(su, List.of(su.id())));
    }

    public Mono<Map<UUID, ServiceUser>> serviceUsersById(Collection<UUID> ids) {
        return transactions
                .readMany(db -> repository.byIds(db, ids))
                .collectMap(ServiceUser::id)
                .flatMap(byId -> audited(byId, List.copyOf(byId.keySet())));
    }

    /** Every read of a person's record is audited (issue 3); nothing is returned if that fails. */
    private <T> Mono<T> audited(T result, List<UUID> ids) {
        if (ids.isEmpty()) {
            return Mono.just(result);
        }
        return auditLog.record(AuditLog.READ, "service_users", ids).thenReturn(result);
    }
}
