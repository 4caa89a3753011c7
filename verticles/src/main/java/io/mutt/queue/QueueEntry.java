package io.mutt.queue;

/**
 * One entry read from a {@link DurableQueue}.
 *
 * @param id the queue's identity of the entry (acknowledge with it)
 * @param payload the exact text that was appended
 * @param deliveries how many times the entry has been handed to a consumer, this time included (1 =
 *     first)
 */
public record QueueEntry(String id, String payload, long deliveries) {}
