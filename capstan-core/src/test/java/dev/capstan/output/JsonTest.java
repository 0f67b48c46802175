package dev.capstan.output;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JsonTest {
    @Test
    void encodesStringsNumbersBooleansListsAndSkipsNulls() {
        String json = new Json().field("s", "a\"b\\c\nd\te\u0001\u007f😀").field("n", 3).field("ok", false)
                .field("none", null).field("list", List.of("x", 2)).toString();
        assertThat(json).isEqualTo("{\"s\":\"a\\\"b\\\\c\\nd\\te\\u0001\u007f😀\",\"n\":3,\"ok\":false,\"list\":[\"x\",2]}");
    }

    @Test
    void loneSurrogatesAreEscapedSoTheLineStaysValidUtf8() {
        assertThat(new Json().field("s", "x\ud800y\udc00").toString()).isEqualTo("{\"s\":\"x\\ud800y\\udc00\"}");
    }
}
