package org.carerota.sync.feed;

/** A carer's feed position: the last seq handed out and how far the feed has been pruned. */
public record FeedHead(long lastSeq, long prunedThroughSeq) {

    public static final FeedHead EMPTY = new FeedHead(0, 0);
}
