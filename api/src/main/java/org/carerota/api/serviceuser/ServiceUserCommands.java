package org.carerota.api.serviceuser;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** Inputs and results of the service user mutations. */
public final class ServiceUserCommands {

    private ServiceUserCommands() {}

    public record CreateServiceUserInput(
            String name,
            UUID area,
            double lat,
            double lon,
            @Nullable String postcode,
            @Nullable String address,
            @Nullable String gender,
            @Nullable String genderPreference,
            @Nullable String accessNotes,
            @Nullable List<UUID> preferredCarers,
            @Nullable List<UUID> bannedCarers,
            @Nullable List<UUID> regularCarers,
            @Nullable String externalRef) {}

    public record UpdateServiceUserInput(
            UUID id,
            long expectedVersion,
            @Nullable String name,
            @Nullable UUID area,
            @Nullable Double lat,
            @Nullable Double lon,
            @Nullable String postcode,
            @Nullable String address,
            @Nullable String genderPreference,
            @Nullable String accessNotes,
            @Nullable List<UUID> preferredCarers,
            @Nullable List<UUID> bannedCarers,
            @Nullable List<UUID> regularCarers) {}

    public record ArchiveServiceUserInput(UUID id, long expectedVersion) {}

    public interface CreateServiceUserResult {}

    public interface UpdateServiceUserResult {}

    public interface ArchiveServiceUserResult {}

    public record ServiceUserSaved(ServiceUser serviceUser)
            implements CreateServiceUserResult, UpdateServiceUserResult, ArchiveServiceUserResult {}

    public record StaleServiceUser(String message, long currentVersion)
            implements UpdateServiceUserResult, ArchiveServiceUserResult {
        static StaleServiceUser of(long current) {
            return new StaleServiceUser(
                    "The record was changed by someone else (now version " + current + "); reload and try again",
                    current);
        }
    }

    public record ServiceUserInvalid(String message, String field, String reason)
            implements CreateServiceUserResult, UpdateServiceUserResult {
        static ServiceUserInvalid of(String field, String reason) {
            return new ServiceUserInvalid(field + ": " + reason, field, reason);
        }
    }

    public record ServiceUserNotFound(String message, UUID id)
            implements UpdateServiceUserResult, ArchiveServiceUserResult {
        static ServiceUserNotFound of(UUID id) {
            return new ServiceUserNotFound("Service user " + id + " was not found", id);
        }
    }
}
