import { flexRender, type Cell, type Row } from '@tanstack/react-table';
import { memo } from 'react';

/** What a row may ask of its table; the table keeps these stable so unchanged rows skip rendering. */
export interface RowActions<T> {
  activate(index: number): void;
  open(row: T): void;
  toggle(id: string): void;
}

export interface DataTableRowProps<T> {
  row: Row<T>;
  /** row.getVisibleCells(): a new array when the columns change (a language switch), so the row re-renders. */
  cells: Cell<T, unknown>[];
  index: number;
  domId: string;
  top: number;
  template: string;
  height: number;
  active: boolean;
  selected: boolean;
  selectable: boolean;
  /** Shown but not selectable (the table's canSelect said no). */
  disabled: boolean;
  actions: RowActions<T>;
}

function DataTableRowView<T>({ row, cells, index, domId, top, template, height, active, selected, selectable, disabled, actions }: DataTableRowProps<T>) {
  return (
    <div
      id={domId}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selectable ? selected : active}
      aria-disabled={disabled || undefined}
      data-active={active || undefined}
      className={`datatable-row${active ? ' is-active' : ''}${selected ? ' is-selected' : ''}`}
      style={{ gridTemplateColumns: template, height, transform: `translateY(${top}px)` }}
      onClick={() => actions.activate(index)}
      onDoubleClick={() => actions.open(row.original)}
    >
      {selectable ? (
        <div role="gridcell" className="datatable-cell datatable-check">
          <input type="checkbox" tabIndex={-1} aria-label={`select ${row.id}`} checked={selected} disabled={disabled} onChange={() => actions.toggle(row.id)} />
        </div>
      ) : null}
      {cells.map((cell) => (
        <div key={cell.id} role="gridcell" className="datatable-cell">
          {flexRender(cell.column.columnDef.cell, cell.getContext())}
        </div>
      ))}
    </div>
  );
}

/**
 * One row of a DataTable. Memoized: a key press changes the active row, and only the two rows
 * whose state changed render again, not the fifty on screen (a frame's budget at 100k rows).
 */
export const DataTableRow = memo(DataTableRowView) as typeof DataTableRowView;
