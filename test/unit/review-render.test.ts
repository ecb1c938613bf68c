import { describe, expect, it } from "vitest";
import { csvField } from "../../src/review/render.js";

describe("CSV cells a spreadsheet would run", () => {
  it("keeps formulas as text and leaves numbers alone", () => {
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvField("+1 for the team")).toBe("'+1 for the team");
    expect(csvField("@admin")).toBe("'@admin");
    expect(csvField("-3")).toBe("-3");
    expect(csvField("Pump manual")).toBe("Pump manual");
  });
});
