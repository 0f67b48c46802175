package dev.capstan.e2e;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A test class's fleet, on its static {@code Fleet} field: {@code @WithFleet(3) static Fleet fleet;} starts 3 hosts
 * before the class's own {@code @BeforeAll} methods and closes them after its {@code @AfterAll} methods. The class is
 * skipped where this machine cannot run a fleet ({@link Fleet#startOrSkip}) or lacks one of {@link #needs}.
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(WithFleet.Extension.class)
@interface WithFleet {
    /** How many hosts. */
    int value();

    /** Programs the class needs besides the fleet's own ({@code /usr/bin/cap}): without one it is skipped. */
    String[] needs() default {};

    /** Starts and closes every {@code @WithFleet} field of the class (JUnit registers it once per class). */
    final class Extension implements BeforeAllCallback, AfterAllCallback {
        @Override
        public void beforeAll(ExtensionContext context) throws Exception {
            for (Field f : fields(context)) {
                WithFleet w = f.getAnnotation(WithFleet.class);
                for (String program : w.needs()) assumeTrue(Files.isExecutable(Path.of(program)), "needs " + program);
                f.set(null, Fleet.startOrSkip(w.value()));
            }
        }

        @Override
        public void afterAll(ExtensionContext context) throws Exception {
            for (Field f : fields(context)) {
                Fleet fleet = (Fleet) f.get(null);
                f.set(null, null);
                if (fleet != null) fleet.close();
            }
        }

        private static java.util.List<Field> fields(ExtensionContext context) {
            java.util.List<Field> out = new java.util.ArrayList<>();
            for (Field f : context.getRequiredTestClass().getDeclaredFields()) {
                if (!f.isAnnotationPresent(WithFleet.class)) continue;
                if (!Modifier.isStatic(f.getModifiers()) || f.getType() != Fleet.class) {
                    throw new IllegalStateException("@WithFleet goes on a static Fleet field, not " + f);
                }
                f.setAccessible(true);
                out.add(f);
            }
            return out;
        }
    }
}
