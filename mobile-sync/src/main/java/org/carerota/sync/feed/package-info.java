/** The per-carer change feed: writing it when rotas are published or edited, reading it, compacting it. */
@org.jspecify.annotations.NullMarked
package org.carerota.sync.feed;
