package org.popsurvey.deploy.registry;

import io.apicurio.common.apps.config.DynamicConfigPropertyList;
import java.util.ArrayList;
import javax.enterprise.context.ApplicationScoped;
import javax.enterprise.inject.Produces;
import javax.inject.Singleton;

/**
 * Stands in for {@code apicurio-common-app-components-config-index}, whose Quarkus deployment
 * jar is not served by Maven Central. That extension would list the registry's dynamic
 * (runtime-editable) settings at build time; the in-memory registry needs none, so an empty
 * list is enough for the beans that inject it.
 */
@ApplicationScoped
public class DynamicConfigProducer {

    @Produces
    @Singleton
    DynamicConfigPropertyList dynamicConfigProperties() {
        return new DynamicConfigPropertyList(new ArrayList<>());
    }
}
