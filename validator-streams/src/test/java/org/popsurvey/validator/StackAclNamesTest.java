package org.popsurvey.validator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.popsurvey.schemas.Topics;
import org.popsurvey.stack.secure.StackAcls;

/**
 * The secured stack's ACLs name the pipeline's topics and the validator's application id; the
 * stack module cannot import them (every module's tests are built on it), so this checks they agree.
 */
class StackAclNamesTest {

    @Test
    void theSecuredStacksAclsNameThePipelinesTopicsAndTheValidatorsApplicationId() {
        assertThat(StackAcls.RAW_TOPIC).isEqualTo(Topics.RAW);
        assertThat(StackAcls.CLEAN_TOPIC).isEqualTo(Topics.CLEAN);
        assertThat(StackAcls.DEAD_LETTER_TOPIC).isEqualTo(Topics.DEAD_LETTER);
        assertThat(StackAcls.VALIDATOR_APPLICATION_ID).isEqualTo(ValidatorSettings.DEFAULT_APPLICATION_ID);
    }
}
