// Ctrl/Cmd-K: jump to a service or ask for an action on it by typing. An action goes through the same path as its
// button (useOperatorAction): refused ones say why, Promote / Rollback / a Step to 100 % open the confirmation dialog.

import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { paletteCommands, type PaletteCommand } from '../domain/palette-commands';
import { useOperatorAction } from '../hooks/useOperatorAction';
import { useServer } from '../state/server-store';
import { useUi } from '../state/ui-store';

export function CommandPalette() {
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const listId = useId();
  const { request } = useOperatorAction();

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent): void {
      if (event.key.toLowerCase() !== 'k' || !(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
      if (useUi.getState().confirm !== null) return;
      event.preventDefault();
      setOpen((was) => !was);
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog === null) return;
    if (open) {
      setQuery('');
      setActive(0);
      if (!dialog.open) dialog.showModal();
      inputRef.current?.focus();
    } else if (dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog ref={dialogRef} className="dialog palette" aria-label="Command palette" onCancel={(e) => { e.preventDefault(); setOpen(false); }} onClose={() => setOpen(false)}>
      {open ? (
        <PaletteBody
          query={query}
          active={active}
          listId={listId}
          inputRef={inputRef}
          onQuery={(q) => {
            setQuery(q);
            setActive(0);
          }}
          onActive={setActive}
          onRun={(command) => {
            setOpen(false);
            const ui = useUi.getState();
            ui.select(command.serviceId);
            if (command.kind === 'action') request(command.action, command.serviceId);
            else requestAnimationFrame(() => document.getElementById('release-heading')?.focus());
          }}
        />
      ) : null}
    </dialog>
  );
}

interface BodyProps {
  query: string;
  active: number;
  listId: string;
  inputRef: React.RefObject<HTMLInputElement | null>;
  onQuery(query: string): void;
  onActive(index: number): void;
  onRun(command: PaletteCommand): void;
}

function PaletteBody({ query, active, listId, inputRef, onQuery, onActive, onRun }: BodyProps) {
  const serviceIds = useServer((s) => s.serviceIds);
  const services = useServer((s) => s.services);
  const selected = useUi((s) => s.selectedServiceId);
  const commands = useMemo(() => paletteCommands(serviceIds.flatMap((id) => services[id] ?? []), query, selected), [serviceIds, services, query, selected]);
  const current = commands[Math.min(active, commands.length - 1)];
  const optionId = (c: PaletteCommand) => `${listId}-${c.id}`;

  useEffect(() => {
    if (current !== undefined) document.getElementById(optionId(current))?.scrollIntoView({ block: 'nearest' });
  });

  return (
    <>
      <input
        ref={inputRef}
        className="palette__input"
        role="combobox"
        aria-label="Command or service"
        aria-expanded="true"
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={current !== undefined ? optionId(current) : undefined}
        placeholder="Type a service, or an action and a service: rollback billing api"
        value={query}
        onChange={(event) => onQuery(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault();
            const step = event.key === 'ArrowDown' ? 1 : -1;
            onActive(Math.max(0, Math.min(commands.length - 1, active + step)));
          } else if (event.key === 'Enter' && current !== undefined) {
            event.preventDefault();
            onRun(current);
          }
        }}
      />
      {commands.length === 0 ? (
        <p className="muted palette__empty">Nothing matches “{query}”.</p>
      ) : (
        <ul id={listId} role="listbox" aria-label="Commands" className="palette__list">
          {commands.map((command) => (
            <li
              key={command.id}
              id={optionId(command)}
              role="option"
              aria-selected={command === current}
              aria-disabled={!command.enabled || undefined}
              className="palette__item"
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => onRun(command)}
            >
              <span>{command.label}</span>
              {command.hint ? <span className="muted small palette__hint">{command.hint}</span> : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
