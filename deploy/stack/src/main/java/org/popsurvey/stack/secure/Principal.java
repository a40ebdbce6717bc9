package org.popsurvey.stack.secure;

/**
 * The SASL/SCRAM users of a secured stack: one super user and one principal per component, each
 * allowed only what its component does ({@link StackAcls}).
 */
public enum Principal {
    /** Super user: the broker's own inter-broker connections, topic and ACL set-up, registering schemas. */
    ADMIN("admin"),
    /** {@code produce}: writes the raw topic. */
    PRODUCER("producer"),
    /** {@code validate}: reads raw, writes clean and dead letters, exactly once. */
    VALIDATOR("validator"),
    /** {@code enrich}: reads the clean topic, writes nothing to Kafka. */
    ENRICHER("enricher"),
    /** {@code dlq stats|list|show}: reads dead letters. */
    DLQ_READER("dlq-reader"),
    /** {@code dlq replay}: reads dead letters and writes them back to the raw topic. */
    DLQ_OPERATOR("dlq-operator");

    private final String userName;

    Principal(String userName) {
        this.userName = userName;
    }

    /** The SCRAM user name, also the registry user name. */
    public String userName() {
        return userName;
    }

    /** As Kafka's ACLs name it. */
    public String kafkaPrincipal() {
        return "User:" + userName;
    }
}
