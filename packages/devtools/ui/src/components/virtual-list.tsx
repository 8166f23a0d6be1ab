import { useState, type ReactNode } from "react";

interface VirtualListProps<T> {
  readonly items: ReadonlyArray<T>;
  readonly rowHeight: number;
  readonly height: number;
  readonly render: (item: T, index: number) => ReactNode;
  /** Called when the user scrolls near the end, to fetch the next page. */
  readonly onNearEnd?: () => void;
  readonly testId?: string;
}

/**
 * Renders only the rows in view (plus a margin), so a list of 100k runs scrolls as fast as
 * a list of 100.
 */
export const VirtualList = <T,>({ items, rowHeight, height, render, onNearEnd, testId }: VirtualListProps<T>) => {
  const [top, setTop] = useState(0);
  const overscan = 8;
  const first = Math.max(0, Math.floor(top / rowHeight) - overscan);
  const last = Math.min(items.length, Math.ceil((top + height) / rowHeight) + overscan);
  return (
    <div
      className="virtual-list"
      style={{ height, overflowY: "auto", position: "relative" }}
      data-testid={testId}
      onScroll={(e) => {
        const el = e.currentTarget;
        setTop(el.scrollTop);
        if (onNearEnd && el.scrollTop + el.clientHeight > el.scrollHeight - rowHeight * 10) onNearEnd();
      }}
    >
      <div style={{ height: items.length * rowHeight, position: "relative" }}>
        {items.slice(first, last).map((item, i) => (
          <div key={first + i} style={{ position: "absolute", top: (first + i) * rowHeight, height: rowHeight, left: 0, right: 0 }}>
            {render(item, first + i)}
          </div>
        ))}
      </div>
    </div>
  );
};
