import {
  type ColumnDef,
  flexRender,
  getCoreRowModel,
  getFilteredRowModel,
  getSortedRowModel,
  type Row,
  type SortingState,
  useReactTable,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useDeferredValue, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { foldText } from '../../common/rules/text';
import { DataTableRow, type RowActions } from './DataTableRow';

declare module '@tanstack/react-table' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData, TValue> {
    /** CSS grid track, e.g. '8rem' or '2fr'. */
    width?: string;
  }
}

export interface DataTableProps<T> {
  data: T[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  columns: ColumnDef<T, any>[];
  getRowId(row: T): string;
  label: string;
  onOpen?(row: T): void;
  onActiveChange?(row: T | undefined): void;
  /** Row ids selected with Space or a click on the checkbox; pass both to make it controlled. */
  selection?: ReadonlySet<string>;
  onSelectionChange?(ids: Set<string>): void;
  selectable?: boolean;
  /** Rows that may not be selected show a disabled checkbox, and Space and Ctrl+A pass them by. */
  canSelect?(row: T): boolean;
  filterable?: boolean;
  emptyText?: string;
  rowHeight?: number;
  height?: number | string;
  initialSorting?: SortingState;
  className?: string;
  autoFocus?: boolean;
}

const PRINTABLE = /^[\p{L}\p{N}\p{P}\p{S} ]$/u;

/** The folded text of each row by id, filled as the filter meets it: one per data and columns. */
function rowTextCache(_data: unknown, _columns: unknown): Map<string, string> {
  return new Map();
}

/**
 * The table of every screen: virtualized (100k rows scroll and move smoothly), keyboard-first
 * (↑/↓ or j/k move, Enter opens, Space selects, typing filters, Esc clears the filter), and a
 * proper ARIA grid with the active row announced through aria-activedescendant.
 */
export function DataTable<T>(props: DataTableProps<T>) {
  const { data, columns, getRowId, label, rowHeight = 32, filterable = true, selectable = false } = props;
  const domId = useId();
  const [filter, setFilter] = useState('');
  /** "/" opens an empty filter, so a filter can start with j or k (which otherwise move). */
  const [filterOpen, setFilterOpen] = useState(false);
  const deferredFilter = useDeferredValue(filter);
  const [sorting, setSorting] = useState<SortingState>(props.initialSorting ?? []);
  const [active, setActive] = useState(0);
  const [ownSelection, setOwnSelection] = useState<Set<string>>(() => new Set());
  const selection = props.selection ?? ownSelection;
  const setSelection = (next: Set<string>) => {
    if (!props.selection) setOwnSelection(next);
    props.onSelectionChange?.(next);
  };

  const rowText = useMemo(() => rowTextCache(data, columns), [data, columns]);
  const filterWords = useMemo(() => foldText(deferredFilter).split(/\s+/).filter(Boolean), [deferredFilter]);
  const table = useReactTable({
    data,
    columns,
    getRowId: (row) => getRowId(row),
    state: { globalFilter: deferredFilter, sorting },
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    // a row matches on all its columns at once, so one column asks; the folded text of each row
    // is kept between letters, and a letter then only scans strings (100k rows stay responsive)
    getColumnCanGlobalFilter: (column) => column.getIndex() === 0,
    globalFilterFn: (row) => {
      let text = rowText.get(row.id);
      if (text === undefined) {
        text = foldText(table.getAllLeafColumns().map((c) => String(row.getValue(c.id) ?? '')).join(' '));
        rowText.set(row.id, text);
      }
      const found = text;
      return filterWords.every((w) => found.includes(w));
    },
  });
  const rows = table.getRowModel().rows;
  const count = rows.length;
  const activeIndex = Math.min(active, Math.max(0, count - 1));
  const activeRow: Row<T> | undefined = rows[activeIndex];

  const scrollRef = useRef<HTMLDivElement>(null);
  const headRef = useRef<HTMLDivElement>(null);
  // the sticky header sits inside the scroll box above the rows: the virtualizer must know, or
  // keyboard moves scroll the active row under the header (up) or just out of view (down)
  const [headHeight, setHeadHeight] = useState(0);
  useLayoutEffect(() => setHeadHeight(headRef.current?.offsetHeight ?? 0), []);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
    scrollMargin: headHeight,
    scrollPaddingStart: headHeight,
  });

  // React focuses only form controls for autoFocus, so a grid (a div) has to ask for it itself
  const autoFocus = props.autoFocus;
  useEffect(() => {
    if (autoFocus) scrollRef.current?.focus();
  }, [autoFocus]);

  const onActiveChange = props.onActiveChange;
  const activeOriginal = activeRow?.original;
  useEffect(() => onActiveChange?.(activeOriginal), [activeOriginal, onActiveChange]);
  useEffect(() => {
    if (count > 0) virtualizer.scrollToIndex(activeIndex, { align: 'auto' });
  }, [activeIndex, count, virtualizer]);
  // a new filter starts at the top; new data (a refresh) keeps the highlighted row where it went
  const lastActiveId = useRef<string | undefined>(undefined);
  useEffect(() => setActive(0), [deferredFilter]);
  useEffect(() => {
    const at = lastActiveId.current ? rows.findIndex((r) => r.id === lastActiveId.current) : -1;
    setActive(Math.max(0, at));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data]);
  useEffect(() => {
    lastActiveId.current = activeRow?.id;
  }, [activeRow?.id]);
  const template = useMemo(
    () => [selectable ? '2.25rem' : null, ...columns.map((c) => c.meta?.width ?? '1fr')].filter(Boolean).join(' '),
    [columns, selectable],
  );

  const move = (to: number) => setActive(Math.max(0, Math.min(count - 1, to)));
  const toggle = (id: string) => {
    const next = new Set(selection);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelection(next);
  };
  const latest = useRef({ setActive, onOpen: props.onOpen, toggle });
  latest.current = { setActive, onOpen: props.onOpen, toggle };
  const actions = useMemo<RowActions<T>>(
    () => ({
      activate: (index) => latest.current.setActive(index),
      open: (row) => latest.current.onOpen?.(row),
      toggle: (id) => latest.current.toggle(id),
    }),
    [],
  );
  const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? rowHeight * 10) / rowHeight) - 1);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey) {
      if (selectable && (e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'a') {
        e.preventDefault();
        setSelection(new Set(rows.filter((r) => props.canSelect?.(r.original) ?? true).map((r) => r.id)));
      }
      return;
    }
    const filtering = filter.length > 0;
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        return move(activeIndex + 1);
      case 'ArrowUp':
        e.preventDefault();
        return move(activeIndex - 1);
      case 'PageDown':
        e.preventDefault();
        return move(activeIndex + page);
      case 'PageUp':
        e.preventDefault();
        return move(activeIndex - page);
      case 'Home':
        e.preventDefault();
        return move(0);
      case 'End':
        e.preventDefault();
        return move(count - 1);
      case 'Enter':
        if (activeRow && props.onOpen) {
          e.preventDefault();
          props.onOpen(activeRow.original);
        }
        return;
      case 'Escape':
        if (filtering || filterOpen) {
          e.preventDefault();
          e.stopPropagation();
          setFilter('');
          setFilterOpen(false);
        }
        return;
      case 'Backspace':
        if (filtering) {
          e.preventDefault();
          setFilter(filter.slice(0, -1));
        }
        return;
      case ' ':
        if (selectable && activeRow && !filtering) {
          e.preventDefault();
          if (props.canSelect?.(activeRow.original) ?? true) toggle(activeRow.id);
          return;
        }
        break;
      case 'j':
      case 'k':
        if (!filtering) {
          e.preventDefault();
          return move(activeIndex + (e.key === 'j' ? 1 : -1));
        }
        break;
      case '/':
        if (filterable && !filtering) {
          e.preventDefault();
          setFilter('');
          setFilterOpen(true);
          return;
        }
        break;
      case '?':
        if (!filtering) return; // the shortcut list
        break;
    }
    if (filterable && PRINTABLE.test(e.key) && (filtering || filterOpen || e.key !== ' ')) {
      e.preventDefault();
      e.stopPropagation();
      setFilter(filter + e.key);
    }
  };
  const rowDomId = (i: number) => `${domId}-row-${i}`;
  const items = virtualizer.getVirtualItems();

  return (
    <div className={`datatable ${props.className ?? ''}`}>
      {filterable && (filter || filterOpen) ? (
        <div className="datatable-filter" role="status">
          <span className="datatable-filter-label">Filter:</span> <kbd>{filter || ' '}</kbd>{' '}
          <span className="datatable-filter-count">
            {count} / {data.length}
          </span>
        </div>
      ) : null}
      <div
        ref={scrollRef}
        className="datatable-scroll"
        role="grid"
        aria-label={label}
        aria-rowcount={count + 1}
        aria-colcount={columns.length + (selectable ? 1 : 0)}
        aria-multiselectable={selectable || undefined}
        aria-activedescendant={activeRow ? rowDomId(activeIndex) : undefined}
        tabIndex={0}
        onKeyDown={onKeyDown}
        style={{ height: props.height ?? '100%' }}
      >
        <div ref={headRef} className="datatable-head" role="row" aria-rowindex={1} style={{ gridTemplateColumns: template }}>
          {selectable ? (
            <div role="columnheader" className="datatable-cell datatable-check">
              <span className="sr-only">✓</span>
            </div>
          ) : null}
          {table.getFlatHeaders().map((h) => (
            <div
              key={h.id}
              role="columnheader"
              className="datatable-cell"
              aria-sort={h.column.getIsSorted() === 'asc' ? 'ascending' : h.column.getIsSorted() === 'desc' ? 'descending' : undefined}
              onClick={h.column.getCanSort() ? h.column.getToggleSortingHandler() : undefined}
            >
              {flexRender(h.column.columnDef.header, h.getContext())}
              {h.column.getIsSorted() === 'asc' ? ' ▲' : h.column.getIsSorted() === 'desc' ? ' ▼' : ''}
            </div>
          ))}
        </div>
        {count === 0 && props.emptyText ? (
          <div className="datatable-empty" role="row">
            <div role="gridcell">{props.emptyText ?? ''}</div>
          </div>
        ) : null}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((v) => {
            const row = rows[v.index] as Row<T>;
            const rowSelectable = !selectable || (props.canSelect?.(row.original) ?? true);
            return (
              <DataTableRow
                key={row.id}
                row={row}
                cells={row.getVisibleCells()}
                index={v.index}
                domId={rowDomId(v.index)}
                top={v.start - headHeight}
                template={template}
                height={rowHeight}
                active={v.index === activeIndex}
                selected={selection.has(row.id)}
                selectable={selectable}
                disabled={!rowSelectable}
                actions={actions}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}
