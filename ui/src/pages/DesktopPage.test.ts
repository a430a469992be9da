import { quality } from "./DesktopPage";

describe("Desktop connection quality", () => {
  it("grades the measured round trip as an interactive desktop feels it", () => {
    expect(quality(12)).toBe("Good");
    expect(quality(99)).toBe("Good");
    expect(quality(100)).toBe("Fair");
    expect(quality(299)).toBe("Fair");
    expect(quality(300)).toBe("Poor");
  });
});
