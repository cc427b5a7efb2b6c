package dev.roster.core.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class KeysTest {
    @Test
    void keysFollowTheDesignedFormats() {
        assertEquals("C#main#P#abc12345", Keys.profilePk("main", "abc12345"));
        assertEquals("C#main#DIR", Keys.directoryPk("main"));
        assertEquals("C#main#TAG#rust", Keys.tagPk("main", "rust"));
        assertEquals("C#main#U#sub-1", Keys.ownerPk("main", "sub-1"));
        assertEquals("C#main#TAGS", Keys.tagCountsPk("main"));
        assertEquals("ada lovelace#abc12345", Keys.nameSortKey("ada lovelace", "abc12345"));
    }
}
