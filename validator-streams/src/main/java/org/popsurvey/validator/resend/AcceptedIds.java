package org.popsurvey.validator.resend;

import java.util.HashMap;
import java.util.Map;

/**
 * The Ids one validator task has accepted, each with its clean record's value bytes exactly as
 * written to the clean topic. A hash map, so the check every record goes through is one lookup;
 * the bytes are decoded only when an Id comes back (a re-send), to compare its content.
 *
 * <p>Not a Kafka Streams state store on purpose: the clean topic already holds exactly these
 * records, so it serves as the log this state is rebuilt from ({@link CleanTopicLoader}), and no
 * second, changelog write per record is needed (measured: that write was the validator's main
 * cost; see the validator README). One instance belongs to one task and its stream thread.
 */
public final class AcceptedIds {

    private final Map<Integer, byte[]> cleanValues;

    /** @param cleanValues taken over, not copied (it may hold millions of Ids): a mutable map no one else keeps */
    public AcceptedIds(Map<Integer, byte[]> cleanValues) {
        this.cleanValues = cleanValues;
    }

    public static AcceptedIds none() {
        return new AcceptedIds(new HashMap<>());
    }

    /** Remembers {@code id} unless it is known; returns the known clean value, or null if it was new. */
    public byte[] putIfAbsent(int id, byte[] cleanValue) {
        return cleanValues.putIfAbsent(id, cleanValue);
    }

    public int size() {
        return cleanValues.size();
    }
}
