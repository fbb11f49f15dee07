import { z } from 'zod';
import { StaffwellError } from '../../errors.ts';
import { ensureSite, notFound, variableIdsByName } from './checks.ts';
import { defineCommand } from './define.ts';
import { attributes, commandSchema, id, variableType } from './schema-parts.ts';

/** Commands on sites, variables (attributes), participants and cases. */
export const participantCommands = {
  'site.create': defineCommand(
    commandSchema('site.create', { id: id.optional(), name: z.string(), description: z.string().optional() }),
    async (ctx, cmd) => {
      if (await ctx.tx.getSiteByName(cmd.name)) {
        throw new StaffwellError('conflict', 'a site with this name already exists', { field: 'name', value: cmd.name });
      }
      const id = cmd.id ?? ctx.newId();
      await ctx.tx.insertSite({ id, name: cmd.name, description: cmd.description ?? '' });
      return { result: { id }, affected: [id] };
    },
  ),

  'variable.create': defineCommand(
    commandSchema('variable.create', {
      id: id.optional(),
      name: z.string(),
      valueType: variableType,
      scope: z.enum(['participant', 'document']),
      description: z.string().optional(),
    }),
    async (ctx, cmd) => {
      if (await ctx.tx.getVariableByName(cmd.scope, cmd.name)) {
        throw new StaffwellError('conflict', 'a variable with this name already exists', { field: 'name', value: cmd.name });
      }
      const id = cmd.id ?? ctx.newId();
      await ctx.tx.insertVariable({ id, name: cmd.name, type: cmd.valueType, scope: cmd.scope, description: cmd.description ?? '' });
      return { result: { id }, affected: [id] };
    },
  ),

  'participant.upsert': defineCommand(
    commandSchema('participant.upsert', {
      id,
      site: z.string().nullable().optional(),
      description: z.string().optional(),
      attributes: attributes.optional(),
    }),
    async (ctx, cmd) => {
      const affected: string[] = [cmd.id];
      const siteId = await ensureSite(ctx, cmd.site, affected);
      const existing = await ctx.tx.getParticipant(cmd.id);
      if (existing) {
        await ctx.tx.updateParticipant(cmd.id, { siteId: siteId ?? undefined, description: cmd.description });
      } else {
        await ctx.tx.insertParticipant({ id: cmd.id, siteId, description: cmd.description ?? '' });
      }
      const attrs = cmd.attributes ?? {};
      const ids = await variableIdsByName(ctx, 'participant', attrs, affected);
      for (const [name, value] of Object.entries(attrs)) await ctx.tx.setParticipantValue(cmd.id, ids.get(name)!, value);
      return { result: { id: cmd.id, created: !existing }, affected };
    },
  ),

  'participant.import': defineCommand(
    commandSchema('participant.import', {
      variables: z.array(z.strictObject({ name: z.string(), type: variableType })),
      rows: z.array(z.strictObject({ id, site: z.string().nullable().optional(), attributes })),
      /** Display names for the key file (never stored in the project). */
      names: z.record(z.string(), z.string()).optional(),
    }),
    async (ctx, cmd) => {
      const affected: string[] = [];
      const created: string[] = [];
      const varIds = new Map<string, string>();
      for (const v of cmd.variables) {
        const found = await ctx.tx.getVariableByName('participant', v.name);
        if (found) {
          varIds.set(v.name, found.id);
          continue;
        }
        const row = { id: ctx.newId(), name: v.name, type: v.type, scope: 'participant' as const, description: '' };
        await ctx.tx.insertVariable(row);
        varIds.set(v.name, row.id);
        created.push(row.id);
        affected.push(row.id);
      }
      let nCreated = 0;
      let nUpdated = 0;
      for (const r of cmd.rows) {
        const siteId = await ensureSite(ctx, r.site, affected);
        if (await ctx.tx.getParticipant(r.id)) {
          nUpdated++;
          if (siteId !== null) await ctx.tx.updateParticipant(r.id, { siteId });
        } else {
          nCreated++;
          await ctx.tx.insertParticipant({ id: r.id, siteId, description: '' });
        }
        for (const [name, value] of Object.entries(r.attributes)) {
          const v = varIds.get(name) ?? (await ctx.tx.getVariableByName('participant', name))?.id;
          if (!v) throw notFound('variable', `rows.${r.id}.attributes`, name, 'declare every attribute in `variables`');
          await ctx.tx.setParticipantValue(r.id, v, value);
        }
        affected.push(r.id);
      }
      if (cmd.names && Object.keys(cmd.names).length > 0) {
        for (const [pid, name] of Object.entries(cmd.names)) await ctx.tx.setParticipantName(pid, name);
      }
      const { names: _names, ...logged } = cmd;
      return { result: { created: nCreated, updated: nUpdated, variables: created }, affected, logged };
    },
  ),

  'case.create': defineCommand(
    commandSchema('case.create', { name: z.string(), participantIds: z.array(id), description: z.string().optional() }),
    async (ctx, cmd) => {
      for (let i = 0; i < cmd.participantIds.length; i++) {
        if (!(await ctx.tx.getParticipant(cmd.participantIds[i]))) throw notFound('participant', `participantIds[${i}]`, cmd.participantIds[i]);
      }
      const id = ctx.newId();
      await ctx.tx.insertCase({ id, name: cmd.name, description: cmd.description ?? '', participantIds: cmd.participantIds });
      return { result: { id } as { id: string }, affected: [id, ...cmd.participantIds] };
    },
  ),
};
