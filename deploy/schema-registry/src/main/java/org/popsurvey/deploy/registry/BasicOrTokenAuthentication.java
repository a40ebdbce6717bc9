package org.popsurvey.deploy.registry;

import io.apicurio.common.apps.auth.authn.AppAuthenticationMechanism;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.BasicAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import java.util.HashSet;
import java.util.Set;
import javax.annotation.Priority;
import javax.enterprise.context.ApplicationScoped;
import javax.enterprise.inject.Alternative;
import javax.inject.Inject;

/**
 * Lets Quarkus's own HTTP basic authentication (against the users of the registry's
 * configuration, {@code quarkus.security.users.embedded.*}) work beside Apicurio's.
 *
 * <p>Why this exists: Apicurio's {@link AppAuthenticationMechanism} is a CDI alternative, so it
 * displaces every other authentication mechanism, Quarkus's basic one included, and it only
 * knows OIDC (a Keycloak server). This alternative, of higher priority, hands a request with
 * {@code Authorization: Basic} to Quarkus's {@link BasicAuthenticationMechanism} and every other
 * request to Apicurio's mechanism, unchanged. Who may do what stays Apicurio's decision: its
 * role-based authorization ({@code registry.auth.role-based-authorization}) reads the roles of the
 * identity found here. With {@code registry.auth.enabled=false} (the plain stack) nothing asks
 * for an identity and this class does nothing.
 */
@Alternative
@Priority(2)
@ApplicationScoped
public class BasicOrTokenAuthentication implements HttpAuthenticationMechanism {

    /** Quarkus's default realm name, part of each stored password digest. */
    static final String REALM = "Quarkus";

    private static final String BASIC_PREFIX = "basic ";

    private final BasicAuthenticationMechanism basic = new BasicAuthenticationMechanism(REALM, false);

    @Inject
    AppAuthenticationMechanism apicurio;

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String authorization = context.request().getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, BASIC_PREFIX, 0, BASIC_PREFIX.length())) {
            return basic.authenticate(context, identityProviderManager);
        }
        return apicurio.authenticate(context, identityProviderManager);
    }

    /** A basic challenge: Apicurio's one fails when its OIDC login is off. */
    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return basic.getChallenge(context);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        Set<Class<? extends AuthenticationRequest>> types = new HashSet<>(basic.getCredentialTypes());
        types.addAll(apicurio.getCredentialTypes());
        return types;
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return basic.getCredentialTransport(context);
    }
}
