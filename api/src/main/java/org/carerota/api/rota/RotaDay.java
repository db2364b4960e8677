package org.carerota.api.rota;

import java.time.LocalDate;
import java.util.UUID;

/** The published rota of an area on a day. */
public record RotaDay(UUID areaId, LocalDate date, Plan plan) {}
