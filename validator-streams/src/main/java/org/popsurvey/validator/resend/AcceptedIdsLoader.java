package org.popsurvey.validator.resend;

import org.apache.kafka.common.TopicPartition;

/** Rebuilds a task's {@link AcceptedIds} from what was committed to its clean-topic partition. */
@FunctionalInterface
public interface AcceptedIdsLoader {

    AcceptedIds load(TopicPartition cleanPartition);

    /** For topology tests without a broker: every task starts with no accepted Id. */
    AcceptedIdsLoader NONE = partition -> AcceptedIds.none();
}
