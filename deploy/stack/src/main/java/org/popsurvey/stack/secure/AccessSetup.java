package org.popsurvey.stack.secure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.popsurvey.stack.process.StackException;

/** Creates SCRAM users and ACLs on the broker, as its super user. */
final class AccessSetup {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int SCRAM_ITERATIONS = 8192;
    private static final Duration POLL = Duration.ofMillis(100);

    private AccessSetup() {}

    /**
     * The controller has committed the users and ACLs; the broker applies them a moment later.
     * Waits until it answers with all of them, so the first client after {@code stack up} is not refused.
     */
    private static void awaitVisible(Admin admin, int users, int acls)
            throws ExecutionException, TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (admin.describeUserScramCredentials()
                                .all()
                                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                                .size()
                        < users + 1
                || admin.describeAcls(AclBindingFilter.ANY)
                                .values()
                                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                                .size()
                        < acls) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException();
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    static void apply(Map<String, Object> adminConfig, Map<Principal, String> users, List<AclBinding> acls) {
        try (Admin admin = Admin.create(adminConfig)) {
            List<UserScramCredentialAlteration> credentials = new ArrayList<>();
            users.forEach((principal, password) -> credentials.add(new UserScramCredentialUpsertion(
                    principal.userName(),
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS),
                    password)));
            admin.alterUserScramCredentials(credentials).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            admin.createAcls(acls).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            awaitVisible(admin, users.size(), acls.size());
        } catch (ExecutionException e) {
            throw new StackException("Could not create the users and ACLs of the secured stack: " + e.getCause(), e);
        } catch (TimeoutException e) {
            throw new StackException(
                    "The broker did not create the users and ACLs within " + TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while creating the users and ACLs", e);
        }
    }
}
