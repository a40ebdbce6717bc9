package org.popsurvey.validator;

import picocli.CommandLine.IVersionProvider;

/** {@code --version} of {@code validate} and {@code dlq}: the build's version. */
public final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"popsurvey " + ValidatorSettings.version()};
    }
}
