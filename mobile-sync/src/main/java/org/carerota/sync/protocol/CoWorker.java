package org.carerota.sync.protocol;

import java.util.UUID;

/** Another carer on the same visit (a double-up), so the carer knows whom to wait for. */
public record CoWorker(UUID carerId, String name, int slotIndex) {}
