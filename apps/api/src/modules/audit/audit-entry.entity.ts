import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm'

export type ActorKind = 'STAFF' | 'CONTACT' | 'TOKEN' | 'SYSTEM'

@Entity('audit_log')
export class AuditEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string
  @Column({ type: 'timestamptz', default: () => 'now()' }) at!: Date
  @Column({ type: 'text', name: 'actor_kind' }) actorKind!: ActorKind
  @Column({ type: 'uuid', name: 'actor_id', nullable: true }) actorId!: string | null
  @Column({ type: 'text' }) action!: string
  @Column({ type: 'text', name: 'entity_type', nullable: true }) entityType!: string | null
  @Column({ type: 'uuid', name: 'entity_id', nullable: true }) entityId!: string | null
  @Column({ type: 'uuid', name: 'customer_id', nullable: true }) customerId!: string | null
  @Column({ type: 'jsonb', nullable: true }) before!: Record<string, unknown> | null
  @Column({ type: 'jsonb', nullable: true }) after!: Record<string, unknown> | null
  @Column({ type: 'text', nullable: true }) reason!: string | null
}
